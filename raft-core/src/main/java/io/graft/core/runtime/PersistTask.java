package io.graft.core.runtime;

import io.graft.core.protocol.LogEntry;
import io.graft.core.protocol.Message;
import io.graft.core.storage.HardState;
import java.util.List;

/**
 * One {@link io.graft.core.raft.Ready}'s storage work: writes, then the messages that may only leave once
 * those writes (and all earlier ones) are durable.
 */
record PersistTask(HardState hardState, List<LogEntry> entries, List<Message> messagesAfter) {
}
