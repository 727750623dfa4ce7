package io.graft.core.internal.runtime;

import io.graft.core.storage.LogEntry;
import java.util.List;

/**
 * Committed entries to apply, with the local commands among them (ascending by index).
 */
record ApplyBatch(List<LogEntry> entries, List<Pending> pending) implements ApplyTask {
}
