package io.graft.core.internal.sim;

import io.graft.core.snapshot.SnapshotFormat;
import io.graft.core.snapshot.SnapshotMeta;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Simulated snapshots are whole files in the real {@link SnapshotFormat}, so transfers check real checksums. */
final class SnapshotFiles {

    private SnapshotFiles() {
    }

    /** The file of a snapshot of {@code data} covering {@code meta}. */
    static byte[] write(SnapshotMeta meta, byte[] data) {
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            OutputStream out = SnapshotFormat.writer(meta, file);
            out.write(data);
            out.close();
            return file.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a whole file and returns what it covers. */
    static SnapshotMeta verify(byte[] file) throws IOException {
        return SnapshotFormat.verify(new ByteArrayInputStream(file), file.length);
    }

    /** The state machine's bytes in a (verified) file. */
    static byte[] data(byte[] file) {
        try (InputStream in = SnapshotFormat.data(new ByteArrayInputStream(file), file.length)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
