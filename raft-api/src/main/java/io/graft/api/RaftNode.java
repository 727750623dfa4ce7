package io.graft.api;

import io.graft.api.config.Member;
import io.graft.api.event.RaftEventListener;
import io.graft.api.report.MemberReport;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A running member of a Graft cluster, replicating a {@link StateMachine}. Built and started by the core's
 * {@code Graft.node(...)} builder.
 *
 * <p>All methods are thread-safe and never block on the network or the disk, except {@link #close()}.
 *
 * <h2>Where futures complete</h2>
 * The futures this member returns never complete on the thread that drives Raft: a callback chained on one
 * ({@code thenApply}, {@code whenComplete}, ...) cannot delay heartbeats or elections, however long it takes. They
 * complete on the member's callback executor: by default a daemon thread of its own, {@code graft-callbacks-<id>},
 * which completes them in the order their outcomes were produced (so the results of commands submitted one after
 * another arrive in that order); or the executor given to the builder's {@code callbackExecutor}. As with any
 * {@link CompletableFuture}, a callback may also run on a thread of the caller's: the one chaining it on a future
 * already complete (a refusal, or {@link #whenLeaderKnown()} when a leader is known), or one waiting in
 * {@code join()} or {@code get()} for that very future as it completes. A callback that blocks delays the
 * callbacks queued behind it, not the member; it must not wait for another future of the same member, which
 * would complete on the thread it holds.
 *
 * <h2>Administration</h2>
 * {@link #transferLeadership}, {@link #addMember}, {@link #addLearner}, {@link #removeMember} and
 * {@link #membership()} are what a remote client's {@link ClusterAdmin} asks of the leader, and {@link #report()}
 * and {@link #takeSnapshot()} what it asks of the member it names: each remote request calls the method here and
 * completes or fails as it does, with a request timeout besides.
 *
 * <h2>Failures and timeouts</h2>
 * Each way a request can fail has one exception type, the same here and on a remote {@link RaftClient}:
 * <ul>
 *   <li>{@link OutcomeUnknownException}: a change (a command, a membership change) was handed to the leader but
 *       its outcome could not be learnt (leadership was lost; for a remote client, also its request timeout
 *       passed): it may or may not take effect.</li>
 *   <li>{@link java.util.concurrent.TimeoutException}: nothing answered in time, and the request changes nothing
 *       (a read, a wait): safe to retry. A member's futures have no deadline of their own besides those documented
 *       on each method; bound them with {@link CompletableFuture#orTimeout}, which fails them with this same
 *       type, as a remote client's request timeout fails its reads.</li>
 *   <li>{@link NotLeaderException}, {@link LeadershipTransferException}, {@link OverloadedException}: refused,
 *       or given up, before anything changed; retry, at the leader named when known.</li>
 *   <li>{@link NotCommittedException}: appended, then overwritten by a newer leader: never applied.</li>
 *   <li>{@link NodeClosedException}: the member closed or stopped first.</li>
 * </ul>
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
     * closes first, or with the exception the state machine threw. It has no deadline of its own: a leader
     * that loses its majority steps down within about an election timeout, failing it with
     * {@link OutcomeUnknownException}.
     *
     * <p>It completes on the member's callback executor (by default its thread {@code graft-callbacks-<id>}),
     * never on the thread that drives Raft, and the results of commands submitted one after another complete in
     * that order; see the class comment.
     */
    CompletableFuture<R> submit(C command);

    /**
     * Like {@link #submit}, but the result comes with the command's log index, which
     * {@link #readAtLeast} on any member uses to read this write back (read-your-writes).
     */
    CompletableFuture<IndexedResult<R>> submitIndexed(C command);

    /**
     * A linearizable read: runs {@link StateMachine#query} on this member, the leader, once it has
     * confirmed its leadership and applied everything committed when the read arrived (ReadIndex, thesis
     * §6.4). Nothing is written to the log. Fails with {@link NotLeaderException} when this member is not
     * the leader or loses leadership first (safe to retry: a read changes nothing). No deadline of its own:
     * bound it with {@link CompletableFuture#orTimeout} ({@link java.util.concurrent.TimeoutException}).
     */
    default CompletableFuture<R> read(C query) {
        return read(query, ReadConsistency.LINEARIZABLE);
    }

    /**
     * A read on the leader with the given consistency; see {@link ReadConsistency} for what each costs. Fails as
     * {@link #read(Object)} does.
     */
    CompletableFuture<R> read(C query, ReadConsistency consistency);

    /**
     * Runs {@link StateMachine#query} on this member, any member, once it has applied the log up to
     * {@code index}. Not linearizable: the state may already be behind the leader's; but with the index of
     * the caller's own write ({@link #submitIndexed}) it reads that write or something newer. Waits as long
     * as needed; bound it with {@link CompletableFuture#orTimeout} ({@link java.util.concurrent.TimeoutException}).
     */
    CompletableFuture<R> readAtLeast(long index, C query);

    /**
     * Hands leadership to {@code memberId} (thesis §3.10): this leader stops accepting commands (they fail
     * with {@link LeadershipTransferException}), brings the target's log up to date, and tells it to start an
     * election at once. The future completes when this member sees the target lead; it fails with
     * {@link LeadershipTransferException} if that does not happen within about an election timeout, or if the
     * target is not a voter, and with {@link NotLeaderException} if this member is not the leader.
     */
    CompletableFuture<Void> transferLeadership(int memberId);

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
    CompletableFuture<Void> addMember(Member member);

    /**
     * Adds a permanent learner: it receives the log and can serve {@link #readAtLeast} reads, but never
     * votes. Completes when the change is committed; fails as {@link #addMember} does.
     */
    CompletableFuture<Void> addLearner(Member member);

    /**
     * Removes a voter or learner. Completes when the change is committed; a leader that removes itself keeps
     * leading until then, and steps down after. The removed member stops campaigning; shut it down. Fails as
     * {@link #addMember} does.
     */
    CompletableFuture<Void> removeMember(int memberId);

    /** The membership in effect on this member (the latest configuration in its log). */
    Membership membership();

    /**
     * Completes with the id of the leader this member knows of (itself, if it leads) as soon as it knows one: at
     * once when it already does, otherwise when it next learns of a leader (an election won, or a message from
     * the leader). A way to wait for a leader without polling {@link #status()}: for example
     * {@code node.whenLeaderKnown().orTimeout(5, SECONDS).join()} after starting a cluster. The id is the leader
     * at that moment; leadership may move on later. Each call returns a new future. Fails with
     * {@link NodeClosedException} if the member stops first; no deadline of its own (see the class comment).
     */
    CompletableFuture<Integer> whenLeaderKnown();

    /**
     * Why this member stopped by itself, if it did (see the class comment); empty while it runs and after a
     * {@link #close()}.
     */
    Optional<Throwable> failure();

    /** Whether this member is running: neither closed nor stopped by itself after a failure. */
    boolean isRunning();

    /**
     * Completes once this member has stopped, by {@link #close()}, {@link #halt()} or by itself after a failure
     * ({@link #failure()} then says why), and has released its port and data directory.
     */
    CompletionStage<Void> whenStopped();

    /**
     * How many messages this member has dropped as bad input since it started: undecodable, addressed to another
     * member, or claiming a sender they did not come from. Anything above zero points at a misconfigured peer
     * (another codec or version) or at traffic that is not from the cluster.
     */
    long rejectedMessages();

    /** A snapshot of this member's current state. */
    NodeStatus status();

    /**
     * A full report of this member (see {@link MemberReport}): its Raft state, log and snapshot sizes, pending
     * work and, on a leader, each follower's replication. Built on the member's event loop in one short step:
     * cheap enough to ask for every second. A member that has stopped reports its last state and why it
     * stopped. A remote client asks a member for the same report with {@link ClusterAdmin#report(int)}.
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
     * is durable, or fails if the state machine does not support snapshots. A remote client asks a member for
     * the same with {@link ClusterAdmin#takeSnapshot(int)}.
     */
    CompletableFuture<Long> takeSnapshot();

    /**
     * Stops the node: its threads end, its transport closes, and pending commands fail. A leader first hands
     * leadership to the most up-to-date voter (bounded by a short wait, best effort), so that the cluster does
     * not wait an election timeout for a new leader.
     */
    @Override
    void close();

    /**
     * Stops this member at once, without handing leadership over: as close to a crash as a member in this JVM can
     * get. What it persisted survives; pending requests fail with {@link NodeClosedException}. For tests of a
     * cluster's failover, and for emergencies; {@link #close()} is the way to stop a member in normal operation.
     */
    void halt();
}
