package io.graft.api;

/** The root of every exception Graft raises; unchecked, so that futures and lambdas stay readable. */
public class RaftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RaftException(String message) {
        super(message);
    }

    public RaftException(String message, Throwable cause) {
        super(message, cause);
    }
}
