package io.graft.core.protocol;

import java.util.List;

/**
 * AppendEntries (Raft §5.3); a heartbeat when {@code entries} is empty. The entries are consecutive, from
 * {@code prevLogIndex + 1}.
 *
 * @param readContext the leader's read round when it sent this request; the follower echoes it in its answer,
 *                    which proves the leader still led after that round began (ReadIndex, thesis §6.4)
 */
public record AppendRequest(int from, int to, long term, long prevLogIndex, long prevLogTerm, long leaderCommit,
                            List<LogEntry> entries, long readContext) implements Message {

    /** A request outside any read round. */
    public AppendRequest(int from, int to, long term, long prevLogIndex, long prevLogTerm, long leaderCommit,
                         List<LogEntry> entries) {
        this(from, to, term, prevLogIndex, prevLogTerm, leaderCommit, entries, 0);
    }

    /** The index of the last entry this request proves the follower's log matches once accepted. */
    public long lastIndex() {
        return prevLogIndex + entries.size();
    }
}
