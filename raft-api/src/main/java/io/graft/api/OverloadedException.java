package io.graft.api;

/**
 * The node refused a command because too many are already pending (backpressure). Nothing was appended;
 * retry after some of the pending commands complete, or raise {@code maxPendingCommands}.
 */
public class OverloadedException extends RaftException {
    private static final long serialVersionUID = 1L;

    public OverloadedException(String message) {
        super(message);
    }
}
