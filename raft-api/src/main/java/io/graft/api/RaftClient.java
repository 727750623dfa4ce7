package io.graft.api;

import java.util.concurrent.CompletableFuture;

/**
 * A remote client of a Graft cluster: sends commands to whichever member leads, following redirects and
 * retrying with backoff. Each client has a session, and numbers its commands, so a command retried after a
 * lost reply is applied once and answered with its original result (exactly-once).
 *
 * <p>Every request has a deadline, the client's request timeout. A request that has not been answered by then
 * fails as the same request on a {@link RaftNode} fails when its outcome cannot be known, with one exception type
 * per meaning (see {@link RaftNode}'s "Failures and timeouts"): {@link OutcomeUnknownException} if it may have
 * changed something (a command, a membership change, a leadership transfer), and
 * {@link java.util.concurrent.TimeoutException} if it changes nothing (a read, a membership query), exactly as
 * {@link CompletableFuture#orTimeout} fails a future.
 *
 * <p>The futures a client returns complete on its callback executor (by default a thread of its own, in the order
 * the answers arrived), never on the thread that receives its network traffic.
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
     * may still be applied, once), as {@link RaftNode#submit} does when leadership is lost.
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
    CompletableFuture<R> read(C query, ReadConsistency consistency);

    /**
     * The cluster's administration through this client: leadership transfer and membership changes, carried out
     * by the leader (the client follows redirects to it).
     */
    ClusterAdmin admin();

    /** This client's session id. */
    long sessionId();

    /** Closes the connections; pending commands fail with {@link NodeClosedException}. */
    @Override
    void close();
}
