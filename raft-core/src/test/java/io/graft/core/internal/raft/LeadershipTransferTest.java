package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.TimeoutNow;
import io.graft.core.internal.protocol.VoteRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leadership transfer (thesis §3.10), driven message by message on the deterministic cluster. */
class LeadershipTransferTest {

    private static List<Message> sentBy(CoreCluster c, int id, Class<? extends Message> type) {
        return c.network().history().stream().filter(m -> m.from() == id && type.isInstance(m)).toList();
    }

    @Test
    void upToDateTargetIsToldToCampaignAtOnceAndWinsTheNextTerm() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.propose(1, "a", "b");
        c.runFor(3 * c.heartbeatInterval());
        c.network().clearHistory();

        int target = c.on(1, core -> core.transferLeadership(2));
        assertThat(target).isEqualTo(2);
        c.deliverAll();

        assertThat(sentBy(c, 1, TimeoutNow.class)).containsExactly(new TimeoutNow(1, 2, term));
        // The target skipped pre-vote and flagged its requests, so no voter ignored it for a live leader.
        assertThat(sentBy(c, 2, VoteRequest.class)).isNotEmpty()
                .allSatisfy(m -> assertThat(((VoteRequest) m).transfer()).isTrue())
                .allSatisfy(m -> assertThat(((VoteRequest) m).preVote()).isFalse());
        assertThat(c.core(2).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(2).term()).isEqualTo(term + 1);
        assertThat(c.core(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.core(1).leaderId()).isEqualTo(2);
        assertThat(c.core(1).transferTarget()).isZero();
        c.runFor(2 * c.heartbeatInterval());
        assertThat(c.appliedCommands(3)).containsExactly("a", "b");
    }

    @Test
    void laggingTargetIsCaughtUpFirstAndProposalsAreRefusedMeanwhile() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(2 * c.heartbeatInterval());
        c.network().addDropRule(m -> m.to() == 3 || m.from() == 3);
        for (int i = 0; i < 10; i++) {
            c.propose(1, "w" + i);
        }
        c.runFor(c.heartbeatInterval());
        assertThat(c.core(3).lastIndex()).isLessThan(c.core(1).lastIndex());
        c.network().clearDropRules();
        c.network().clearHistory();

        c.on(1, core -> core.transferLeadership(3));
        assertThat(c.propose(1, "refused")).isEqualTo(-1);
        assertThat(sentBy(c, 1, TimeoutNow.class)).as("not before the target has the whole log").isEmpty();
        c.runFor(3 * c.heartbeatInterval());

        assertThat(sentBy(c, 1, TimeoutNow.class)).hasSize(1);
        assertThat(c.leaderId()).isEqualTo(3);
        long written = c.propose(3, "after");
        assertThat(written).isPositive();
        c.runFor(3 * c.heartbeatInterval());
        for (SimNode n : c.nodes()) {
            assertThat(c.appliedCommands(n.id())).hasSize(11).endsWith("after").doesNotContain("refused");
        }
    }

    @Test
    void transferToAnUnreachableTargetIsAbandonedAfterAnElectionTimeout() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.runFor(2 * c.heartbeatInterval());
        c.isolate(3);

        c.on(1, core -> core.transferLeadership(3));
        c.runFor(c.electionTimeout() / 2);
        assertThat(c.core(1).transferTarget()).isEqualTo(3);
        assertThat(c.propose(1, "during")).isEqualTo(-1);
        c.runFor(c.electionTimeout());

        assertThat(c.core(1).transferTarget()).isZero();
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(1).term()).isEqualTo(term);
        assertThat(c.propose(1, "after")).isPositive();
    }

    @Test
    void leaseReadsStayOffForTheRestOfTheTermOnceATimeoutNowLeft() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(1).leaseReadIndex()).isPositive();
        // The TimeoutNow is lost, so the target never campaigns and the transfer is abandoned...
        c.network().addDropRule(m -> m instanceof TimeoutNow);

        c.on(1, core -> core.transferLeadership(2));
        c.runFor(2 * c.electionTimeout());

        // ...but a copy could still be on its way: voters would follow the target at once, so no lease.
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(1).transferTarget()).isZero();
        assertThat(c.core(1).leaseReadIndex()).isEqualTo(-1);
    }

    @Test
    void withoutATargetTheMostUpToDateVoterIsChosen() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(2 * c.heartbeatInterval());
        c.network().addDropRule(m -> m.to() == 2 && m instanceof AppendRequest);
        c.propose(1, "only-3-has-it");
        c.runFor(c.heartbeatInterval());

        int chosen = c.on(1, core -> core.transferLeadership(0));
        assertThat(chosen).isEqualTo(3);
    }

    @Test
    void refusesTargetsThatCannotLeadAndFollowersCannotTransfer() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);

        assertThatThrownBy(() -> c.core(1).transferLeadership(9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member 9").hasMessageContaining("[1, 2, 3]");
        assertThat(c.core(2).transferLeadership(3)).isEqualTo(-1);
        assertThat(CoreCluster.of(1).core(1).transferLeadership(0)).as("alone").isIn(-1, 0);
    }

    @Test
    void timeoutNowFromAnyoneButTheCurrentLeaderIsIgnored() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.runFor(2 * c.heartbeatInterval());

        c.step(new TimeoutNow(3, 2, term));
        c.deliverAll();

        assertThat(c.core(2).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(2).term()).isEqualTo(term);
    }
}
