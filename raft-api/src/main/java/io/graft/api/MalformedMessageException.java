package io.graft.api;

import io.graft.api.RaftException;

/** Bytes that are not a valid Graft protocol message; the receiver drops and counts them. */
public class MalformedMessageException extends RaftException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
