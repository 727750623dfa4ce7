package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import org.junit.jupiter.api.Test;

/**
 * Pre-vote (thesis §9.6) keeps a member that was cut off from disrupting a healthy leader when it comes back;
 * check-quorum (thesis §6.2) makes a leader that hears from no majority step down. Each behaviour is shown
 * next to the same run with the feature off, so the tests prove the feature does the work.
 */
class PreVoteAndCheckQuorumTest {

    @Test
    void isolatedMemberAsksPreVotesWithoutRaisingItsTermAndRejoinsWithoutDisruption() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.runFor(5 * c.heartbeatInterval());

        c.isolate(3);
        c.runFor(10 * c.electionTimeout());
        assertThat(c.core(3).term()).isEqualTo(term);
        assertThat(c.core(3).role()).isEqualTo(Role.PRE_CANDIDATE);
        c.propose(1, "while-away");
        c.runFor(c.heartbeatInterval());

        c.heal();
        c.runFor(5 * c.electionTimeout());

        for (SimNode n : c.nodes()) {
            assertThat(n.core().term()).as("member %d", n.id()).isEqualTo(term);
            assertThat(n.core().leaderId()).as("member %d", n.id()).isEqualTo(1);
        }
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.appliedCommands(3)).containsExactly("while-away");
    }

    @Test
    void withoutPreVoteTheSameIsolatedMemberRaisesItsTermAndDeposesTheLeader() {
        CoreCluster c = CoreCluster.builder(3).preVote(false).checkQuorum(false).build();
        long term = c.electLeader(1);
        c.runFor(5 * c.heartbeatInterval());

        c.isolate(3);
        c.runFor(10 * c.electionTimeout());
        assertThat(c.core(3).term()).isGreaterThan(term);

        c.heal();
        c.runFor(5 * c.electionTimeout());
        assertThat(c.core(1).term()).isGreaterThan(term);
    }

    @Test
    void leaderThatHearsFromNoMajorityStepsDownAfterAboutAnElectionTimeout() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.runFor(5 * c.heartbeatInterval());

        c.isolate(1);
        c.advance(c.electionTimeout() / 2);
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        c.advance(2 * c.electionTimeout());

        assertThat(c.core(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.core(1).term()).isEqualTo(term);
        assertThat(c.core(1).leaderId()).isZero();
        // The majority side goes on without it.
        c.runFor(5 * c.electionTimeout());
        assertThat(c.leaderId()).isIn(2, 3);
        assertThat(c.core(c.leaderId()).term()).isGreaterThan(term);
    }

    @Test
    void withoutCheckQuorumAnIsolatedLeaderStaysLeader() {
        CoreCluster c = CoreCluster.builder(3).checkQuorum(false).build();
        c.electLeader(1);
        c.isolate(1);

        c.advance(10 * c.electionTimeout());

        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
    }

    @Test
    void leaderWithAMajorityStaysLeaderIndefinitely() {
        CoreCluster c = CoreCluster.of(5);
        long term = c.electLeader(1);
        c.isolate(4);
        c.isolate(5);

        c.runFor(20 * c.electionTimeout());

        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(1).term()).isEqualTo(term);
    }
}
