package io.graft.core.internal.runtime;

import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import java.util.List;

/**
 * One {@link io.graft.core.internal.raft.Ready}'s storage work, done in this order: discard the log for a received
 * snapshot ({@code resetLogTo > 0}), record the hard state, append the entries, sync; then delete entries a
 * snapshot covers ({@code compactLogTo > 0}) and send the messages that waited for the writes.
 */
record PersistTask(long resetLogTo, HardState hardState, List<LogEntry> entries, long compactLogTo,
                   List<Message> messagesAfter) {
}
