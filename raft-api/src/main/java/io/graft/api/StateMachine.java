package io.graft.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * The user's replicated state: Graft feeds it committed commands, in log order, on every member.
 *
 * <p>{@link #apply} must be deterministic: given the same sequence of commands, every replica must reach
 * the same state and return the same results. It is never called concurrently, and each call sees every earlier
 * call's writes; but calls may come from more than one thread (the node's apply thread, or its event loop for
 * a batch that is quick to apply), so keep no thread-local state and never block in it on another thread.
 * An exception thrown by {@code apply} becomes that command's result (the submitter's future fails with
 * it); it does not stop the node, and since every replica throws the same exception for the same command,
 * replicas do not diverge. A state machine that throws must therefore leave its state as it was, or change
 * it in the same deterministic way on every replica.
 *
 * @param <C> the command type
 * @param <R> the result type
 */
public interface StateMachine<C, R> {

    /**
     * Applies one committed command.
     *
     * @param index the log index of the command, increasing by at least one per call
     * @param command the decoded command
     * @return the result that completes the submitter's future
     */
    R apply(long index, C command);

    /**
     * Captures the state as of the last applied command, for a snapshot that lets Graft delete the log
     * before it. Called on the apply thread between two {@code apply} calls, so it sees a consistent state;
     * it should return quickly (copy, or freeze a persistent structure), and leave the slow writing to the
     * returned writer, which runs on a background thread.
     *
     * <p>The default returns {@code null}: snapshots are not supported, and the log is never compacted.
     */
    default SnapshotWriter snapshot() {
        return null;
    }

    /**
     * Replaces the whole state with a snapshot's, as written by a {@link SnapshotWriter} of this state
     * machine (here or on another member). Called on the apply thread, at startup or when the leader sends
     * a snapshot to a member that fell too far behind.
     *
     * @throws IOException if the stream fails; the snapshot is then not installed
     */
    default void restore(InputStream in) throws IOException {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not support snapshots: implement snapshot() and restore()");
    }

    /**
     * Answers a read-only query against the current state, for {@link RaftNode#read} and
     * {@link RaftNode#readAtLeast}. Called on the apply thread between two {@code apply} calls, so it sees a
     * consistent state; it must not change anything (it runs on one member only). The query has the command
     * type, so a state machine typically accepts its "get" commands here.
     *
     * <p>The default refuses: reads then go through {@link RaftNode#submit}, as commands in the log.
     */
    default R query(C query) {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not answer queries: implement StateMachine.query(command) to serve reads");
    }

    /**
     * This member became the leader of {@code term} and has applied every entry committed before it: it may now
     * start work that only a leader should do (timers, leases of its own, background jobs). Called on the apply
     * thread, in order with {@link #apply}. The default does nothing. An exception is logged; the member goes on.
     */
    default void onLeaderStart(long term) {
    }

    /**
     * This member stopped leading {@code term} (it stepped down, was deposed, or handed leadership over): stop
     * what {@link #onLeaderStart} started. Called on the apply thread, after the entries it applied as leader.
     * Not called for a member that stops while leading (a close without hand-off, a failure): nothing runs on
     * it any more then. The default does nothing.
     */
    default void onLeaderStop(long term) {
    }
}
