package io.graft.core.storage;

import io.graft.core.storage.LogEntry;
import java.util.List;

/**
 * What a member finds in its storage on start.
 *
 * @param hardState the last persisted term and vote
 * @param entries the persisted log, consecutive, from index 1 (from the snapshot onward once snapshots exist)
 */
public record StoredState(HardState hardState, List<LogEntry> entries) {
    /**
     * An empty member trusted to hold every committed entry (a member of a cluster that is being created, as
     * tests build them). Storage reports {@link HardState#BLANK} instead when it finds no data.
     */
    public static final StoredState EMPTY = new StoredState(HardState.INITIAL, List.of());
}
