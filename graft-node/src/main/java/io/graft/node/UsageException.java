package io.graft.node;

/**
 * A problem the user fixes by changing the arguments or the cluster file; it ends the command with
 * {@link ExitCodes#USAGE} and its message, which says what to change, is all the user sees.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
