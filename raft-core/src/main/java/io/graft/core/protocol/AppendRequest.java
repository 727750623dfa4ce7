package io.graft.core.protocol;

import java.util.List;

/**
 * AppendEntries (Raft §5.3); a heartbeat when {@code entries} is empty. The entries are consecutive, from
 * {@code prevLogIndex + 1}.
 */
public record AppendRequest(int from, int to, long term, long prevLogIndex, long prevLogTerm, long leaderCommit,
                            List<LogEntry> entries) implements Message {

    /** The index of the last entry this request proves the follower's log matches once accepted. */
    public long lastIndex() {
        return prevLogIndex + entries.size();
    }
}
