package io.graft.api;

/**
 * The command was appended to the log, but the leader lost leadership before it could learn whether the
 * command committed. It may have been applied, or may never be. Retry only if the command is idempotent or
 * deduplicated (client sessions do that).
 */
public class OutcomeUnknownException extends RaftException {
    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(String message) {
        super(message);
    }
}
