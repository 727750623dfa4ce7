package io.graft.core.storage;

import io.graft.core.snapshot.MemorySnapshotStore;
import io.graft.core.snapshot.SnapshotStore;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A log kept in memory. It survives a node's crash and restart inside one JVM when the same instance is
 * handed to the restarted node (the test kit does this); a JVM exit forgets it. Every write counts as synced.
 */
public final class MemoryLogStorage implements LogStorage {
    private final List<LogEntry> entries = new ArrayList<>();
    private final MemorySnapshotStore snapshots = new MemorySnapshotStore();
    /** The index just before the first entry held. */
    private long base;
    private HardState hardState = HardState.BLANK;

    /** An empty log that reports having no data at all, as a new or wiped member's would. */
    public MemoryLogStorage() {
    }

    private MemoryLogStorage(HardState initial) {
        this.hardState = initial;
    }

    /**
     * An empty log for a member of a cluster that is being created together with it (a test cluster in one
     * process): it is not catching up (see {@link HardState#catchingUp()}), so that the new members need no
     * leader to confirm them before they vote as members that kept their data.
     */
    public static MemoryLogStorage forNewCluster() {
        return new MemoryLogStorage(HardState.INITIAL);
    }

    @Override
    public synchronized StoredState load() {
        return new StoredState(hardState, List.copyOf(entries));
    }

    @Override
    public synchronized void append(List<LogEntry> batch) {
        long first = batch.get(0).index();
        if (entries.isEmpty() && first > base) {
            base = first - 1; // The first append after a reset may start anywhere past the snapshot.
        }
        if (first > lastIndex() + 1 || first <= base) {
            throw new IllegalStateException("cannot append at " + first + " to a log holding " + (base + 1)
                    + ".." + lastIndex() + " (a gap, or below the compacted prefix)");
        }
        int keep = (int) (first - base - 1);
        entries.subList(keep, entries.size()).clear();
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

    @Override
    public synchronized void compactPrefix(long upToIndex) {
        int drop = (int) Math.min(entries.size(), Math.max(0, upToIndex - base));
        entries.subList(0, drop).clear();
        base += drop;
    }

    @Override
    public synchronized void reset(long snapshotIndex) {
        entries.clear();
        base = snapshotIndex;
    }

    /** Memory writes never block: the event loop does them itself. */
    @Override
    public boolean writesInline() {
        return true;
    }

    @Override
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** The index of the last entry held (0 if none). */
    public synchronized long lastIndex() {
        return base + entries.size();
    }

    @Override
    public void close() {
        // Kept for a restart.
    }
}
