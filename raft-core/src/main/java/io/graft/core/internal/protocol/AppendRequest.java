package io.graft.core.internal.protocol;

import io.graft.core.storage.LogEntry;
import java.util.List;

/**
 * AppendEntries (Raft §5.3); a heartbeat when {@code entries} is empty. The entries are consecutive, from
 * {@code prevLogIndex + 1}.
 *
 * @param readContext the leader's read round when it sent this request; the follower echoes it in its answer,
 *                    which proves the leader still led after that round began (ReadIndex, thesis §6.4)
 * @param catchUpConfirmed to a follower that is catching up (see
 *                         {@link io.graft.core.storage.HardState#catchingUp()}): an index up to which it holds the
 *                         leader's log, where the leader's log ended when a read round began that a majority then
 *                         answered, a round that began after the leader stopped counting the follower's
 *                         acknowledgements (the leader's log then held every committed entry); once the follower
 *                         durably holds the log there, it is caught up. 0 when there is no such index.
 */
public record AppendRequest(int from, int to, long term, long prevLogIndex, long prevLogTerm, long leaderCommit,
                            List<LogEntry> entries, long readContext, long catchUpConfirmed) implements Message {

    /** A request that confirms no catch-up. */
    public AppendRequest(int from, int to, long term, long prevLogIndex, long prevLogTerm, long leaderCommit,
                         List<LogEntry> entries, long readContext) {
        this(from, to, term, prevLogIndex, prevLogTerm, leaderCommit, entries, readContext, 0);
    }

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
