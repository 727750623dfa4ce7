package io.graft.api;

import java.util.concurrent.CompletableFuture;

/**
 * A running member of a Graft cluster, replicating a {@link StateMachine}.
 *
 * <p>All methods are thread-safe and never block on the network or the disk.
 *
 * @param <C> the command type
 * @param <R> the result type
 */
public interface RaftNode<C, R> extends AutoCloseable {

    /** This member's id. */
    int id();

    /**
     * Submits a command to be replicated and applied.
     *
     * <p>The future completes with the state machine's result once the command is committed and applied
     * here. It fails with {@link NotLeaderException} if this member is not the leader (nothing was
     * appended), {@link OverloadedException} when too many commands are pending,
     * {@link NotCommittedException} if the entry was overwritten, {@link OutcomeUnknownException} if
     * leadership was lost before the outcome could be known, {@link NodeClosedException} if the node
     * closes first, or with the exception the state machine threw.
     */
    CompletableFuture<R> submit(C command);

    /** A snapshot of this member's current state. */
    NodeStatus status();

    /**
     * Takes a snapshot of the state machine now (besides the periodic ones the configuration asks for) and
     * deletes the log it covers. The future completes with the snapshot's last included index once it is
     * durable, or fails if the state machine does not support snapshots.
     */
    CompletableFuture<Long> takeSnapshot();

    /** Stops the node: its threads end, its transport closes, and pending commands fail. */
    @Override
    void close();
}
