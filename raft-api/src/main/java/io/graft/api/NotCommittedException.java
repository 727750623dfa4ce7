package io.graft.api;

/**
 * The command was appended to the log but was overwritten by a newer leader's entries: it was definitely
 * not applied, and never will be. It is safe to retry.
 */
public class NotCommittedException extends RaftException {
    private static final long serialVersionUID = 1L;

    public NotCommittedException(String message) {
        super(message);
    }
}
