package io.graft.core.storage.file;

import io.graft.api.StorageException;
import java.nio.file.Path;

/**
 * The error for a data directory whose {@code meta} file ({@link DataDirectoryIdentity}) cannot be read: it
 * says what the file is, that it is damaged, and what an operator can do about it.
 */
final class DamagedMetaFile {

    private DamagedMetaFile() {
    }

    /**
     * @param file the {@code meta} file
     * @param what what is wrong with it, in an operator's words
     * @param cause the parsing error, or {@code null}
     */
    static StorageException error(Path file, String what, Throwable cause) {
        return new StorageException("The data directory's identity file " + file + " is damaged: " + what
                + ". This file records which cluster and member the directory belongs to (format, cluster-id and"
                + " member-id lines), so the member cannot tell whether the log beside it is its own and refuses to"
                + " start. Restore the file from a backup of this data directory; without one, rebuild the member:"
                + " start it again with an empty data directory, and the leader sends it the log (docs/operations.md,"
                + " 'Rebuilding a member')", cause);
    }
}
