package io.graft.api;

import java.nio.file.Path;

/**
 * A file in the data directory holds damaged data that cannot be a torn, never-synced write: dropping it
 * could lose committed entries, so the member refuses to start.
 */
public class CorruptLogException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String reason) {
        super("Corrupt data in " + file + " at byte offset " + offset + ": " + reason
                + ". Graft refuses to start rather than drop entries that may be committed or vote twice; restore"
                + " this member's data directory from a backup, or rebuild the member from the rest of the cluster:"
                + " stop it, empty its data directory and start it again (it then votes only once a leader has"
                + " caught it up; see docs/operations.md, 'Rebuilding a member').");
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the damage starts. */
    public long offset() {
        return offset;
    }
}
