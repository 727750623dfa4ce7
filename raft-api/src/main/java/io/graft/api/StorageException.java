package io.graft.api;

import io.graft.api.RaftException;

/**
 * The file log could not do what was asked: an I/O error (disk full, permissions), a data directory that is
 * locked or belongs to another member, or a refusal after an earlier error. The message says what to do.
 */
public class StorageException extends RaftException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
