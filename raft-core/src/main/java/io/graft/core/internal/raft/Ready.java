package io.graft.core.internal.raft;

import io.graft.api.Role;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import java.util.List;

/**
 * What the core asks its runtime to do after a batch of events, in this order:
 * <ol>
 *   <li>send {@link #messages()} now (a leader's AppendEntries may go out before its own disk write);</li>
 *   <li>persist {@link #hardState()} (if not null) and {@link #entries()} (a first index at or below the
 *       stored last index truncates the stored log there first), then, once that and every earlier write is
 *       durable, send {@link #messagesAfterPersist()} and report back with {@link RaftCore#persisted};</li>
 *   <li>apply {@link #committed()} in order (they are already durable here and committed cluster-wide).</li>
 * </ol>
 *
 * @param hardState the term and vote to persist, or {@code null} if unchanged
 * @param entries entries to persist, consecutive; empty if none
 * @param messages messages to send now
 * @param messagesAfterPersist votes, acknowledgements and vote requests, which must wait for the writes
 * @param committed entries to apply, consecutive
 * @param truncatedFrom the lowest index whose entry was overwritten by a conflicting leader, or {@code 0}
 * @param role the role after these events
 * @param term the term after these events
 * @param leaderId the leader known after these events, or {@code 0}
 * @param commitIndex the commit index after these events
 * @param resetLogTo if positive: a snapshot from the leader replaced the log, so storage discards it first
 *                   (before {@code entries}); the next entry follows this index
 * @param compactLogTo if positive: storage may delete entries up to this index (a snapshot covers them)
 * @param snapshotTargets followers that need this leader's latest snapshot sent to them
 * @param snapshotChunks snapshot chunks received from the leader, for the runtime to store
 * @param snapshotAcks followers' answers to snapshot chunks, for the runtime's sender
 * @param readStates linearizable reads the leader confirmed, to run once their index is applied
 */
public record Ready(HardState hardState, List<LogEntry> entries, List<Message> messages,
                    List<Message> messagesAfterPersist, List<LogEntry> committed, long truncatedFrom, Role role,
                    long term, int leaderId, long commitIndex, long resetLogTo, long compactLogTo,
                    List<SnapshotTarget> snapshotTargets, List<InstallSnapshot> snapshotChunks,
                    List<InstallSnapshotResponse> snapshotAcks, List<ReadState> readStates) {

    /** Whether there is anything to persist or to send after persisting. */
    public boolean needsStorage() {
        return hardState != null || !entries.isEmpty() || !messagesAfterPersist.isEmpty() || resetLogTo > 0
                || compactLogTo > 0;
    }
}
