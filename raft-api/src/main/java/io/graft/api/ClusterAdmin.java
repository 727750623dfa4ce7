package io.graft.api;

import io.graft.api.config.Member;
import io.graft.api.report.MemberReport;
import java.util.concurrent.CompletableFuture;

/**
 * Administers a running cluster from a remote client ({@link RaftClient#admin()}): each request goes to the
 * leader, which calls the matching {@link RaftNode} method, so each completes or fails as that method does.
 * "Not leader" answers are followed to the leader, and requests are resent when a member does not answer;
 * every request is safe to repeat (adding a member that is already a voter, or removing one that is gone,
 * completes at once). {@link #report(int)} and {@link #takeSnapshot(int)} are the exceptions: they go to the
 * member named, whatever its role, which answers for itself through its own {@link RaftNode#report()} and
 * {@link RaftNode#takeSnapshot()}; they are never redirected.
 *
 * <p>When no leader answers within the client's request timeout, a change (transferring leadership, adding or
 * removing a member) fails with {@link OutcomeUnknownException}: it may or may not have happened, so check
 * {@link #membership()}. The requests that change nothing a client could observe ({@link #membership()},
 * {@link #report(int)}, {@link #takeSnapshot(int)}) fail with {@link java.util.concurrent.TimeoutException}
 * instead, as a read does.
 */
public interface ClusterAdmin {

    /**
     * Hands leadership to voter {@code memberId}; completes when the old leader sees it lead. Fails with
     * {@link LeadershipTransferException} if the target is not a voter or did not take over in time (nothing
     * changed; safe to retry). Completes at once if {@code memberId} already leads.
     */
    CompletableFuture<Void> transferLeadership(int memberId);

    /**
     * Adds a voting member: it joins as a learner, catches up, and is promoted; completes when the promotion is
     * committed. Start the new member first, as joining. Fails with {@link MembershipChangeException} when
     * another change is in progress or the leader was just elected (retry in a moment), and with
     * {@link LeadershipTransferException} while the leader hands leadership over.
     */
    CompletableFuture<Void> addMember(Member member);

    /** Adds a permanent non-voting learner; completes when the change is committed. Fails as {@link #addMember}. */
    CompletableFuture<Void> addLearner(Member member);

    /**
     * Removes a voter or learner; completes when the change is committed (a leader removing itself steps down
     * then). Shut the removed member down afterwards. Fails as {@link #addMember}.
     */
    CompletableFuture<Void> removeMember(int memberId);

    /**
     * The membership in effect on the leader: the latest configuration in its log, with its index. Fails with
     * {@link java.util.concurrent.TimeoutException} when no leader answers within the request timeout.
     */
    CompletableFuture<Membership> membership();

    /**
     * Member {@code memberId}'s report ({@link RaftNode#report()}), asked of that member itself, whatever its
     * role: its own view of the cluster (a follower's report names the leader it knows; only the leader's lists
     * the followers' replication). Fails with {@link java.util.concurrent.TimeoutException} when that member does
     * not answer within the client's request timeout (it may be down: the request is not sent elsewhere), and
     * with {@link IllegalArgumentException} when {@code memberId} is not among the members of the client's
     * cluster configuration, whose addresses are the only ones it knows.
     */
    CompletableFuture<MemberReport> report(int memberId);

    /**
     * Has member {@code memberId} take a snapshot now ({@link RaftNode#takeSnapshot()}), whatever its role, and
     * completes with the snapshot's last included log index once it is durable (at once with the last one, when
     * nothing was applied since). Fails with {@link RaftException} when the member cannot take one (its state
     * machine does not support snapshots, or it is closed), and as {@link #report(int)} does when the member
     * does not answer or is unknown. A snapshot changes nothing a client could observe, so asking again is safe.
     */
    CompletableFuture<Long> takeSnapshot(int memberId);
}
