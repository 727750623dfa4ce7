package io.graft.api;

/**
 * A remote command was applied but the state machine threw (or its result could not be encoded); the
 * message carries the remote exception's type and message.
 */
public class RemoteCommandException extends RaftException {
    private static final long serialVersionUID = 1L;

    public RemoteCommandException(String message) {
        super(message);
    }
}
