package io.graft.api;

import java.util.concurrent.CompletableFuture;

/**
 * A remote client of a Graft cluster: sends commands to whichever member leads, following redirects and
 * retrying with backoff. Each client has a session, and numbers its commands, so a command retried after a
 * lost reply is applied once and answered with its original result (exactly-once).
 *
 * @param <C> the command type
 * @param <R> the result type
 */
public interface RaftClient<C, R> extends AutoCloseable {

    /**
     * Submits a command; completes with the state machine's result once it is committed and applied. A read
     * command submitted here goes through the log, so it is linearizable; {@link #read} is cheaper.
     *
     * <p>The future fails with {@link RemoteCommandException} if the state machine threw, or with
     * {@link OutcomeUnknownException} if the command could not be confirmed before the request timeout (it
     * may still be applied, once).
     */
    CompletableFuture<R> submit(C command);

    /**
     * A linearizable read that does not go through the log: the leader runs {@link StateMachine#query} once it
     * has confirmed its leadership and applied everything committed when the read arrived (see
     * {@link RaftNode#read(Object)}). The read sees every write acknowledged before it was sent. A read changes
     * nothing, so the client retries it freely: at the leader a "not leader" answer names, or elsewhere.
     *
     * <p>The future fails with {@link RemoteCommandException} if the query threw (or the state machine answers no
     * queries), and with {@link java.util.concurrent.TimeoutException} if no leader answered within the
     * request timeout.
     */
    default CompletableFuture<R> read(C query) {
        return read(query, ReadConsistency.LINEARIZABLE);
    }

    /**
     * A read on the leader with the given consistency; see {@link ReadConsistency} for what each guarantees and
     * costs. Fails as {@link #read(Object)} does.
     */
    default CompletableFuture<R> read(C query, ReadConsistency consistency) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getName()
                + " does not support reads outside the log; submit a read command instead"));
    }

    /**
     * The cluster's administration through this client: leadership transfer and membership changes, carried out
     * by the leader (the client follows redirects to it).
     *
     * @throws UnsupportedOperationException if this client cannot administer the cluster
     */
    default ClusterAdmin admin() {
        throw new UnsupportedOperationException(getClass().getName() + " offers no cluster administration");
    }

    /** This client's session id. */
    long sessionId();

    /** Closes the connections; pending commands fail with {@link NodeClosedException}. */
    @Override
    void close();
}
