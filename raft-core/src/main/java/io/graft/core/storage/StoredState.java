package io.graft.core.storage;

import io.graft.core.protocol.LogEntry;
import java.util.List;

/**
 * What a member finds in its storage on start.
 *
 * @param hardState the last persisted term and vote
 * @param entries the persisted log, consecutive, from index 1 (from the snapshot onward once snapshots exist)
 */
public record StoredState(HardState hardState, List<LogEntry> entries) {
    /** A fresh member's state. */
    public static final StoredState EMPTY = new StoredState(HardState.INITIAL, List.of());
}
