package io.graft.api;

/** A value could not be encoded or decoded; the message names the codec and the type. */
public class CodecException extends RaftException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
