package io.graft.core.storage;

import io.graft.core.snapshot.SnapshotStore;
import io.graft.core.storage.LogEntry;
import java.util.List;

/**
 * Where a member persists its log and hard state. Used from one storage thread at a time; writes become
 * durable only at {@link #sync()}, and the runtime acknowledges nothing before that.
 */
public interface LogStorage extends AutoCloseable {

    /** Reads what survived the last run. Called once, before any write. */
    StoredState load();

    /**
     * Writes {@code entries} (consecutive, non-empty). If the first entry's index is at or below the last
     * stored index, the stored log is first truncated from that index: conflict truncation, which must itself
     * be crash-safe (after a crash, the log holds either the old suffix or the new one, never a mix that
     * breaks consecutiveness).
     */
    void append(List<LogEntry> entries);

    /** Records the term and vote. */
    void saveHardState(HardState state);

    /** Makes every earlier write durable. */
    void sync();

    /**
     * Deletes entries at or below {@code upToIndex}, which a durable snapshot now covers. Implementations
     * may keep some of them (e.g. whole files only); the log then starts a little earlier.
     */
    void compactPrefix(long upToIndex);

    /**
     * Discards the whole log because a snapshot received from the leader replaced it; the next append
     * starts right after {@code snapshotIndex}. Durable at the next {@link #sync()}.
     */
    void reset(long snapshotIndex);

    /** This member's snapshots, kept beside the log. */
    SnapshotStore snapshots();

    /**
     * Whether writes and syncs are so cheap that the event loop may do them itself, sparing a hand-off to
     * the storage thread (a memory log). A disk log says no: its fsync must never stall the event loop.
     */
    default boolean writesInline() {
        return false;
    }

    /** Releases files and locks. Unsynced writes may be lost. */
    @Override
    void close();
}
