package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Elections in simulated clusters (Raft §5.2). The cluster's checker asserts one leader per term throughout. */
class ElectionTest {

    @Test
    void singleMemberElectsItselfAndCommitsItsNoop() {
        CoreCluster c = CoreCluster.of(1);

        c.runFor(2 * c.electionTimeout());

        RaftCore only = c.core(1);
        assertThat(only.role()).isEqualTo(Role.LEADER);
        assertThat(only.term()).isEqualTo(1);
        assertThat(only.commitIndex()).isEqualTo(1);
        assertThat(c.node(1).applied()).containsExactly(LogEntry.noop(1, 1));
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 5})
    void clusterElectsExactlyOneLeaderThatEveryoneFollows(int size) {
        for (long seed = 1; seed <= 20; seed++) {
            CoreCluster c = CoreCluster.builder(size).seed(seed).build();

            c.runFor(10 * c.electionTimeout());

            List<SimNode> leaders = c.nodes().stream().filter(n -> n.core().role() == Role.LEADER).toList();
            assertThat(leaders).as("seed %d: %s", seed, c).hasSize(1);
            RaftCore leader = leaders.get(0).core();
            for (SimNode n : c.nodes()) {
                assertThat(n.core().term()).as("seed %d", seed).isEqualTo(leader.term());
                assertThat(n.core().leaderId()).as("seed %d", seed).isEqualTo(leaders.get(0).id());
            }
        }
    }

    @Test
    void newLeaderAppendsANoopInItsTermAndEveryoneAppliesIt() {
        CoreCluster c = CoreCluster.of(3);

        long term = c.electLeader(1);

        List<LogEntry> persisted = c.node(1).takeReadies().stream().flatMap(r -> r.entries().stream()).toList();
        assertThat(persisted).containsExactly(LogEntry.noop(1, term));
        c.runFor(3 * c.heartbeatInterval());
        for (SimNode n : c.nodes()) {
            assertThat(n.applied()).as("member %d", n.id()).containsExactly(LogEntry.noop(1, term));
            assertThat(n.applied().get(0).type()).isEqualTo(EntryType.NOOP);
        }
    }

    @Test
    void competingCandidatesInOneTermSplitTheVotesAndAtMostOneWins() {
        CoreCluster c = CoreCluster.builder(3).preVote(false).build();

        c.timeout(1);
        c.timeout(2);
        assertThat(c.core(1).term()).isEqualTo(1);
        assertThat(c.core(2).term()).isEqualTo(1);
        c.network().clearHistory();
        c.deliverAll();

        List<VoteResponse> fromThree = c.network().history().stream()
                .filter(m -> m instanceof VoteResponse && m.from() == 3).map(m -> (VoteResponse) m).toList();
        assertThat(fromThree).hasSize(2);
        assertThat(fromThree.stream().filter(VoteResponse::granted).count()).isEqualTo(1);
        // Each candidate voted for itself, so refuses the other.
        assertThat(c.network().history().stream().filter(m -> m instanceof VoteResponse v && v.granted()
                && (m.from() == 1 || m.from() == 2))).isEmpty();
        int winner = fromThree.stream().filter(VoteResponse::granted).findFirst().orElseThrow().to();
        assertThat(c.core(winner).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(3 - winner).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.nodes().stream().map(n -> n.core().term()).collect(Collectors.toSet())).containsExactly(1L);
    }

    @Test
    void aCandidateWithAStaleLogCannotWin() {
        // Without pre-vote and leases, only the log comparison stands between member 3 and leadership.
        CoreCluster c = CoreCluster.builder(3).preVote(false).checkQuorum(false).build();
        c.electLeader(1);
        c.isolate(3);
        c.propose(1, "x");
        c.runFor(3 * c.heartbeatInterval());
        c.heal();
        c.isolate(1); // the leader dies; member 3 lacks "x", member 2 has it

        c.timeout(3);
        c.network().clearHistory();
        c.deliverAll();

        assertThat(c.core(3).role()).isEqualTo(Role.CANDIDATE);
        assertThat(c.network().history()).contains(new VoteResponse(2, 3, c.core(3).term(), false, false));
        c.runFor(10 * c.electionTimeout());
        assertThat(c.core(2).role()).isEqualTo(Role.LEADER);
        assertThat(c.appliedCommands(3)).containsExactly("x");
    }
}
