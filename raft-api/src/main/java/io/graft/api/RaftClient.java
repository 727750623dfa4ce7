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
     * Submits a command; completes with the state machine's result once it is committed and applied. Reads
     * go through the log too (a read command), so they are linearizable.
     *
     * <p>The future fails with {@link RemoteCommandException} if the state machine threw, or with
     * {@link OutcomeUnknownException} if the command could not be confirmed before the request timeout (it
     * may still be applied, once).
     */
    CompletableFuture<R> submit(C command);

    /** This client's session id. */
    long sessionId();

    /** Closes the connections; pending commands fail with {@link NodeClosedException}. */
    @Override
    void close();
}
