package io.graft.api;

import io.graft.api.config.Member;
import io.graft.api.event.RaftEventListener;
import io.graft.api.report.MemberReport;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A running member of a Graft cluster, replicating a {@link StateMachine}.
 *
 * <p>All methods are thread-safe and never block on the network or the disk.
 *
 * <p>A member also stops by itself when one of its own threads fails (its event loop, storage, apply or snapshot
 * thread; an {@link Error} such as {@code OutOfMemoryError} included): it then releases its port and data
 * directory, fails what was pending with {@link NodeClosedException}, refuses every later call the same way,
 * no longer reports itself leader, and {@link #failure()} says why. Nothing is left running half-alive: restart
 * it (the launcher exits with a code of its own, so that a supervisor does).
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

    /**
     * Like {@link #submit}, but the result comes with the command's log index, which
     * {@link #readAtLeast} on any member uses to read this write back (read-your-writes).
     */
    default CompletableFuture<IndexedResult<R>> submitIndexed(C command) {
        return unsupported("submitIndexed");
    }

    /**
     * A linearizable read: runs {@link StateMachine#query} on this member, the leader, once it has
     * confirmed its leadership and applied everything committed when the read arrived (ReadIndex, thesis
     * §6.4). Nothing is written to the log. Fails with {@link NotLeaderException} when this member is not
     * the leader or loses leadership first (safe to retry: a read changes nothing).
     */
    default CompletableFuture<R> read(C query) {
        return read(query, ReadConsistency.LINEARIZABLE);
    }

    /** A read on the leader with the given consistency; see {@link ReadConsistency} for what each costs. */
    default CompletableFuture<R> read(C query, ReadConsistency consistency) {
        return unsupported("read");
    }

    /**
     * Runs {@link StateMachine#query} on this member, any member, once it has applied the log up to
     * {@code index}. Not linearizable: the state may already be behind the leader's; but with the index of
     * the caller's own write ({@link #submitIndexed}) it reads that write or something newer. Waits as long
     * as needed; bound it with {@link CompletableFuture#orTimeout}.
     */
    default CompletableFuture<R> readAtLeast(long index, C query) {
        return unsupported("readAtLeast");
    }

    /**
     * Hands leadership to {@code memberId} (thesis §3.10): this leader stops accepting commands (they fail
     * with {@link LeadershipTransferException}), brings the target's log up to date, and tells it to start an
     * election at once. The future completes when this member sees the target lead; it fails with
     * {@link LeadershipTransferException} if that does not happen within about an election timeout, or if the
     * target is not a voter, and with {@link NotLeaderException} if this member is not the leader.
     */
    default CompletableFuture<Void> transferLeadership(int memberId) {
        return unsupported("transferLeadership");
    }

    /**
     * Adds a voting member, one at a time (thesis §4): it joins as a learner, receives the log (or a
     * snapshot), and becomes a voter once it has caught up; the future completes when that promotion is
     * committed. Start the new member first (with {@code joining} set, so that it waits for the leader). An
     * existing learner is promoted. For an existing voter at another address (it was restarted elsewhere), the
     * membership records the new address, which every member reaches from then on; the future completes when
     * that is committed. Fails with {@link MembershipChangeException} if another change is in
     * progress, {@link NotLeaderException} off the leader, and {@link OutcomeUnknownException} if leadership
     * is lost before the outcome is known (the change may still complete: check {@link #membership()}).
     */
    default CompletableFuture<Void> addMember(Member member) {
        return unsupported("addMember");
    }

    /**
     * Adds a permanent learner: it receives the log and can serve {@link #readAtLeast} reads, but never
     * votes. Completes when the change is committed; fails as {@link #addMember} does.
     */
    default CompletableFuture<Void> addLearner(Member member) {
        return unsupported("addLearner");
    }

    /**
     * Removes a voter or learner. Completes when the change is committed; a leader that removes itself keeps
     * leading until then, and steps down after. The removed member stops campaigning; shut it down. Fails as
     * {@link #addMember} does.
     */
    default CompletableFuture<Void> removeMember(int memberId) {
        return unsupported("removeMember");
    }

    /** The membership in effect on this member (the latest configuration in its log). */
    default Membership membership() {
        throw new UnsupportedOperationException(getClass().getName() + " does not report its membership");
    }

    /**
     * Why this member stopped by itself, if it did (see the class comment); empty while it runs and after a
     * {@link #close()}.
     */
    default Optional<Throwable> failure() {
        return Optional.empty();
    }

    /**
     * Completes once this member has stopped, by {@link #close()} or by itself after a failure
     * ({@link #failure()} then says why), and has released its port and data directory.
     */
    default CompletionStage<Void> whenStopped() {
        return new CompletableFuture<>(); // An implementation that cannot tell never completes it.
    }

    /** A snapshot of this member's current state. */
    NodeStatus status();

    /**
     * A full report of this member (see {@link MemberReport}): its Raft state, log and snapshot sizes, pending
     * work and, on a leader, each follower's replication. Built on the member's event loop in one short step:
     * cheap enough to ask for every second. A member that has stopped reports its last state and why it
     * stopped.
     */
    CompletableFuture<MemberReport> report();

    /**
     * Registers a listener told of this member's events from now on (to see them from its start, register it
     * on the node builder instead). Listeners run on the member's callback thread, in the order events happened;
     * see {@link RaftEventListener}.
     *
     * @return a handle whose {@code close()} removes the listener
     */
    AutoCloseable addListener(RaftEventListener listener);

    /**
     * Takes a snapshot of the state machine now (besides the periodic ones the configuration asks for) and
     * deletes the log it covers except its last {@code snapshotLogRetention} entries
     * ({@link io.graft.api.config.ClusterConfig#snapshotLogRetention()}, 1,024 by default), which followers a
     * little behind still get from the log. The future completes with the snapshot's last included index once it
     * is durable, or fails if the state machine does not support snapshots.
     */
    CompletableFuture<Long> takeSnapshot();

    /**
     * Stops the node: its threads end, its transport closes, and pending commands fail. A leader first hands
     * leadership to the most up-to-date voter (bounded by a short wait, best effort), so that the cluster does
     * not wait an election timeout for a new leader.
     */
    @Override
    void close();

    private static <T> CompletableFuture<T> unsupported(String what) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this RaftNode does not support " + what));
    }
}
