package io.graft.bench.load;

/**
 * The cluster under test could not be started, queried or led as the run needs (no leader, a child member
 * that died or stopped answering); the message says which member and why.
 */
public final class BenchClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchClusterException(String message) {
        super(message);
    }

    BenchClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
