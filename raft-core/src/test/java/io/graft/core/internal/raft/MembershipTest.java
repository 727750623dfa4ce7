package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.MembershipChangeException;
import io.graft.api.Role;
import io.graft.api.config.Member;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.ClusterMembership.Kind;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.internal.protocol.TimeoutNow;
import io.graft.core.internal.protocol.VoteRequest;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Membership changes one server at a time (thesis chapter 4), on the deterministic cluster. */
class MembershipTest {

    /** A member with the placeholder address {@link ClusterMembership#ofVoterIds} gives. */
    private static Member member(int id) {
        return new Member(id, "member-" + id, 0);
    }

    /** Three members, member 1 leading, 30 commands replicated to all ("before-0".."before-29"). */
    private static CoreCluster leaderOneWithThirtyCommands() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        for (int i = 0; i < 30; i++) {
            c.propose(1, "before-" + i);
        }
        c.runFor(3 * c.heartbeatInterval());
        return c;
    }

    private static long change(CoreCluster c, int leader, UnaryOperator<ClusterMembership> change) {
        return c.on(leader, core -> core.proposeMembership(change.apply(core.membership())));
    }

    /**
     * A joining member starts without data, so it is catching up: promoted while its answers still do not count,
     * it would leave the cluster one failure short (four voters, three of whose answers count) until confirmed.
     */
    @Test
    void aJoiningMemberIsPromotedOnlyOnceTheLeaderCountsItsAnswers() {
        CoreCluster c = leaderOneWithThirtyCommands();
        SimNode fresh = c.addNode(4);
        assertThat(fresh.core().catchingUp()).isTrue();
        change(c, 1, m -> m.with(member(4), Kind.JOINING));
        for (int ms = 0; ms < 10 * c.heartbeatInterval(); ms++) {
            c.runFor(1);
            if (c.core(1).membership().isVoter(4)) {
                assertThat(fresh.core().catchingUp()).as("promoted at %d ms while catching up", ms).isFalse();
            }
        }
        assertThat(c.core(1).membership().isVoter(4)).isTrue();
    }

    @Test
    void joiningMemberCatchesUpAsALearnerAndIsPromotedToVoter() {
        CoreCluster c = leaderOneWithThirtyCommands();
        SimNode fresh = c.addNode(4);
        c.runFor(3 * c.electionTimeout());
        assertThat(fresh.core().role()).as("without a membership it never campaigns").isEqualTo(Role.FOLLOWER);
        assertThat(fresh.core().term()).isZero();

        long index = change(c, 1, m -> m.with(member(4), Kind.JOINING));
        assertThat(c.core(1).membership().kind(4)).as("in effect at once").isEqualTo(Kind.JOINING);
        c.runFor(5 * c.heartbeatInterval());

        for (SimNode n : c.nodes()) {
            assertThat(n.core().membership().voterIds()).as("member %d", n.id()).containsExactly(1, 2, 3, 4);
            assertThat(n.core().committedMembership().isVoter(4)).isTrue();
            assertThat(n.core().membershipIndex()).isGreaterThan(index); // The promotion came in a second entry.
        }
        assertThat(c.appliedCommands(4)).hasSize(30).startsWith("before-0");
        // Four voters: two of them no longer make a majority.
        c.isolate(2);
        c.isolate(4);
        long needsThree = c.propose(1, "needs-three");
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(1).commitIndex()).isLessThan(needsThree);
        c.heal();
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.appliedCommands(4)).endsWith("needs-three");
    }

    @Test
    void aNewMembershipCountsAsSoonAsItIsAppendedNotCommitted() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.network().addDropRule(m -> m.from() == 2 || m.to() == 2);

        change(c, 1, m -> m.without(2));
        // Voters {1, 3}: member 3's acknowledgement commits the removal without member 2.
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(1).committedMembership().voterIds()).containsExactly(1, 3);
        long sentTo2 = c.network().history().stream().filter(m -> m.to() == 2 && m instanceof AppendRequest).count();
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.network().history().stream().filter(m -> m.to() == 2 && m instanceof AppendRequest).count())
                .as("the leader no longer replicates to a removed member").isEqualTo(sentTo2);
    }

    @Test
    void oneChangeAtATimeAndOnlyAfterTheLeadersFirstCommit() {
        CoreCluster c = CoreCluster.of(3);
        c.timeout(1);
        c.network().addDropRule(m -> m instanceof AppendResponse);
        c.deliverAll();
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThatThrownBy(() -> change(c, 1, m -> m.with(member(4), Kind.LEARNER)))
                .isInstanceOf(MembershipChangeException.class).hasMessageContaining("just elected");

        c.network().clearDropRules();
        c.runFor(3 * c.heartbeatInterval());
        c.network().addDropRule(m -> m instanceof AppendResponse);
        change(c, 1, m -> m.with(member(4), Kind.LEARNER));
        assertThatThrownBy(() -> change(c, 1, m -> m.with(member(5), Kind.LEARNER)))
                .isInstanceOf(MembershipChangeException.class).hasMessageContaining("one member at a time");
        assertThatThrownBy(() -> change(c, 1, m -> m.without(2).without(3)))
                .isInstanceOf(MembershipChangeException.class);

        c.network().clearDropRules();
        c.runFor(3 * c.heartbeatInterval());
        ClusterMembership twoFewer = ClusterMembership.ofVoterIds(1);
        assertThatThrownBy(() -> c.on(1, core -> core.proposeMembership(twoFewer)))
                .isInstanceOf(MembershipChangeException.class).hasMessageContaining("more than one voter");
        change(c, 1, m -> m.with(member(5), Kind.LEARNER));
        assertThat(c.core(1).membership().seats()).containsOnlyKeys(1, 2, 3, 4, 5);
    }

    @Test
    void leaderThatRemovesItselfLeadsUntilTheChangeCommitsThenHandsOverAndNeverCampaignsAgain() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.network().clearHistory();

        change(c, 1, m -> m.without(1));
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        c.deliverAll();

        assertThat(c.network().history()).anySatisfy(m -> assertThat(m).isInstanceOf(TimeoutNow.class));
        assertThat(c.leaderId()).isIn(2, 3);
        assertThat(c.core(c.leaderId()).term()).isEqualTo(term + 1);
        c.propose(c.leaderId(), "without-1");
        c.runFor(10 * c.electionTimeout());
        assertThat(c.core(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.network().history()).noneSatisfy(m ->
                assertThat(m.from() == 1 && m instanceof VoteRequest).isTrue());
        assertThat(c.appliedCommands(c.leaderId())).containsExactly("without-1");
    }

    @Test
    void aRemovedMemberThatMissedItsRemovalCannotDisruptTheCluster() {
        // Neither pre-vote nor leader stickiness: only ignoring non-members protects the cluster here.
        CoreCluster c = CoreCluster.builder(3).preVote(false).checkQuorum(false).build();
        long term = c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.isolate(3);
        change(c, 1, m -> m.without(3));
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(1).committedMembership().voterIds()).containsExactly(1, 2);
        c.propose(1, "after");
        c.runFor(3 * c.electionTimeout());
        assertThat(c.core(3).term()).as("it campaigned, on its old membership").isGreaterThan(term);

        c.heal();
        c.runFor(5 * c.electionTimeout());

        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(1).term()).isEqualTo(term);
        assertThat(c.core(2).term()).isEqualTo(term);
    }

    @Test
    void aCandidateWithANewerLogIsHeardEvenByVotersThatDoNotKnowItVotes() {
        // 5 became a voter of {1..5} through 1, 2 and itself; then 1 and 2 failed. 3 and 4 never learned that 5
        // votes, but its log is newer than theirs, so they hear it: ignoring it would leave no electable voter.
        CoreCluster c = CoreCluster.of(4);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.addNode(5);
        change(c, 1, m -> m.with(member(5), Kind.LEARNER));
        c.runFor(5 * c.heartbeatInterval());
        c.network().addDropRule(m -> (m.to() == 3 || m.to() == 4) && m instanceof AppendRequest);
        change(c, 1, m -> m.with(member(5), Kind.VOTER));
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(1).committedMembership().voterIds()).containsExactly(1, 2, 3, 4, 5);
        assertThat(c.core(3).membership().isVoter(5)).isFalse();
        c.crash(1);
        c.crash(2);
        c.network().clearDropRules();

        c.runFor(10 * c.electionTimeout());

        assertThat(c.leaderId()).isEqualTo(5);
        assertThat(c.core(3).membership().isVoter(5)).isTrue();
    }

    @Test
    void anUncommittedMembershipOverwrittenByANewLeaderIsUndone() {
        CoreCluster c = CoreCluster.of(5);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.network().addDropRule(m -> m.from() == 1 && m.to() != 2);
        c.network().addDropRule(m -> m instanceof AppendResponse && m.to() == 1);
        change(c, 1, m -> m.without(5));
        c.deliverAll();
        assertThat(c.core(2).membership().voterIds()).as("only 2 has the entry").containsExactly(1, 2, 3, 4);
        c.crash(1);
        c.network().clearDropRules();

        c.electLeader(3);
        c.propose(3, "from-3");
        c.runFor(5 * c.heartbeatInterval());

        assertThat(c.core(2).membership().voterIds()).containsExactly(1, 2, 3, 4, 5);
        assertThat(c.appliedCommands(2)).containsExactly("from-3");
        assertThat(c.core(2).lastIndex()).isEqualTo(c.core(3).lastIndex());
    }

    @Test
    void learnersReceiveTheLogButNeverCountTowardsAMajority() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.addNode(4);
        change(c, 1, m -> m.with(member(4), Kind.LEARNER));
        c.runFor(5 * c.heartbeatInterval());
        assertThat(c.core(1).committedMembership().kind(4)).isEqualTo(Kind.LEARNER);

        c.isolate(2);
        c.isolate(3);
        long index = c.propose(1, "needs-a-voter");
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(4).lastIndex()).as("the learner has it").isGreaterThanOrEqualTo(index);
        assertThat(c.core(1).commitIndex()).as("but it does not commit it").isLessThan(index);
        c.heal();
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.appliedCommands(4)).containsExactly("needs-a-voter");

        long term = c.core(4).term();
        c.isolate(4);
        c.runFor(10 * c.electionTimeout());
        assertThat(c.core(4).role()).as("learners never campaign").isEqualTo(Role.FOLLOWER);
        assertThat(c.core(4).term()).isEqualTo(term);
    }

    @Test
    void aRestartedMemberTakesItsMembershipFromItsLogNotFromItsBootstrapConfiguration() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        change(c, 1, m -> m.without(3));
        c.runFor(3 * c.heartbeatInterval());

        c.crash(2);
        c.restart(2);

        assertThat(c.core(2).membership().voterIds()).containsExactly(1, 2);
        assertThat(c.node(2).config().voters()).as("its bootstrap configuration").containsExactly(1, 2, 3);
    }

    @Test
    void crashesInTheMiddleOfChangesKeepEveryMemberSafeAndConverge() {
        for (long seed = 1; seed <= 20; seed++) {
            CoreCluster c = CoreCluster.builder(3).seed(seed).build();
            c.electLeader(1);
            c.runFor(3 * c.heartbeatInterval());
            c.addNode(4);
            change(c, 1, m -> m.with(member(4), Kind.JOINING));
            c.runFor(1 + seed % 7); // Crash the leader at a different point of the change each time.
            c.crash(1);
            c.runFor(5 * c.electionTimeout());
            c.restart(1);
            c.runFor(5 * c.electionTimeout());
            int leader = c.leaderId();
            assertThat(leader).as("seed %d: %s", seed, c).isPositive();
            c.propose(leader, "after-" + seed);
            c.runFor(10 * c.electionTimeout());

            ClusterMembership settled = c.core(leader).membership();
            for (SimNode n : c.nodes()) {
                if (settled.contains(n.id())) {
                    assertThat(n.core().membership()).as("seed %d member %d", seed, n.id()).isEqualTo(settled);
                    assertThat(c.appliedCommands(n.id())).as("seed %d member %d", seed, n.id()).endsWith("after-" + seed);
                }
            }
            c.checker().checkLogMatching(c.nodes());
        }
    }

    @Test
    void membershipEncodingRoundTripsAndRefusesGarbage() {
        ClusterMembership m = ClusterMembership.ofVoterIds(1, 2).with(new Member(7, "höst.example", 7407), Kind.JOINING)
                .with(new Member(9, "h", 1), Kind.LEARNER);
        assertThat(ClusterMembership.decode(m.encode())).isEqualTo(m);
        assertThat(m.voterIds()).containsExactly(1, 2);
        assertThat(m.quorum()).isEqualTo(2);
        assertThat(m.toApi(5).learners()).containsOnlyKeys(7, 9);
        byte[] bytes = m.encode();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> ClusterMembership.decode(truncated))
                    .isInstanceOf(io.graft.api.MalformedMessageException.class);
        }
        assertThat(List.of(Kind.values())).containsExactly(Kind.VOTER, Kind.LEARNER, Kind.JOINING);
    }
}
