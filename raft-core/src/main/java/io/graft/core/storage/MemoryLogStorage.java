package io.graft.core.storage;

import io.graft.core.protocol.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A log kept in memory. It survives a node's crash and restart inside one JVM when the same instance is
 * handed to the restarted node (the test kit does this); a JVM exit forgets it. Every write counts as synced.
 */
public final class MemoryLogStorage implements LogStorage {
    private final List<LogEntry> entries = new ArrayList<>();
    private HardState hardState = HardState.INITIAL;

    @Override
    public synchronized StoredState load() {
        return new StoredState(hardState, List.copyOf(entries));
    }

    @Override
    public synchronized void append(List<LogEntry> batch) {
        long first = batch.get(0).index();
        if (first > entries.size() + 1L) {
            throw new IllegalStateException("gap: appending at " + first + " after " + entries.size());
        }
        while (entries.size() >= first) {
            entries.remove(entries.size() - 1);
        }
        entries.addAll(batch);
    }

    @Override
    public synchronized void saveHardState(HardState state) {
        hardState = state;
    }

    @Override
    public void sync() {
        // Memory is as durable as it gets.
    }

    /** The number of entries held. */
    public synchronized long lastIndex() {
        return entries.size();
    }

    @Override
    public void close() {
        // Kept for a restart.
    }
}
