package io.graft.core.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Snapshots kept in memory, beside a {@link io.graft.core.storage.MemoryLogStorage}. */
public final class MemorySnapshotStore implements SnapshotStore {
    private volatile SnapshotMeta latestMeta;
    private volatile byte[] latestBytes;

    @Override
    public Optional<SnapshotMeta> latest() {
        return Optional.ofNullable(latestMeta);
    }

    @Override
    public long size(SnapshotMeta meta) {
        return latestBytes.length;
    }

    @Override
    public InputStream open(SnapshotMeta meta) throws IOException {
        byte[] bytes = latestBytes;
        SnapshotMeta current = latestMeta;
        if (bytes == null || current.index() != meta.index() || current.term() != meta.term()) {
            throw new IOException("snapshot " + meta + " is no longer kept");
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Writer create(SnapshotMeta meta) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new Writer() {
            @Override
            public OutputStream stream() {
                return buffer;
            }

            @Override
            public long written() {
                return buffer.size();
            }

            @Override
            public SnapshotMeta commit() throws IOException {
                byte[] bytes = buffer.toByteArray();
                SnapshotMeta checked = SnapshotFormat.verify(new ByteArrayInputStream(bytes), bytes.length);
                synchronized (MemorySnapshotStore.this) {
                    if (latestMeta == null || checked.index() > latestMeta.index()) {
                        latestBytes = bytes;
                        latestMeta = checked;
                    }
                }
                return checked;
            }

            @Override
            public void close() {
                // Nothing to clean up.
            }
        };
    }
}
