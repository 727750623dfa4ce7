package io.graft.core.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where a member keeps its snapshots: the newest valid one is what it restarts from and what it sends to
 * followers that fell too far behind. Snapshots are whole files in {@link SnapshotFormat}; a new one becomes
 * visible only once complete and durable.
 */
public interface SnapshotStore {

    /** The newest snapshot that passes its checksum; older or damaged ones are skipped with a warning. */
    Optional<SnapshotMeta> latest();

    /** The size in bytes of the snapshot {@code meta} describes. */
    long size(SnapshotMeta meta) throws IOException;

    /** Opens the whole snapshot file {@code meta} describes, from its first byte. */
    InputStream open(SnapshotMeta meta) throws IOException;

    /** Begins a new snapshot (taken here, or received from a leader). */
    Writer create(SnapshotMeta meta) throws IOException;

    /** A snapshot being written; nothing is visible until {@link #commit()}. */
    interface Writer extends AutoCloseable {
        /** The raw file stream (a received snapshot's bytes are written as they came). */
        OutputStream stream();

        /** Bytes written so far. */
        long written();

        /** Checks, syncs and publishes the snapshot, then deletes all but the newest few. */
        SnapshotMeta commit() throws IOException;

        /** Discards the partial snapshot. */
        @Override
        void close();
    }
}
