package io.graft.api;

/**
 * The node was closed (or crashed) before the command's outcome was known. Commands that were appended
 * may still commit on the rest of the cluster.
 */
public class NodeClosedException extends RaftException {
    private static final long serialVersionUID = 1L;

    public NodeClosedException(String message) {
        super(message);
    }
}
