package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linearizable reads (thesis §6.4): ReadIndex rounds and leases, on the deterministic cluster. */
class ReadIndexTest {

    private static List<ReadState> confirmed(CoreCluster c, int id) {
        return c.node(id).takeReadies().stream().flatMap(r -> r.readStates().stream()).toList();
    }

    @Test
    void readIsConfirmedOnlyOnceAMajorityAnsweredARoundThatBeganAfterIt() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.propose(1, "x");
        c.runFor(3 * c.heartbeatInterval());
        c.node(1).takeReadies();
        long commit = c.core(1).commitIndex();

        c.on(1, core -> core.requestRead(7));
        assertThat(confirmed(c, 1)).as("nobody answered yet").isEmpty();
        List<AppendRequest> round = c.network().inFlight().stream().filter(AppendRequest.class::isInstance)
                .map(AppendRequest.class::cast).toList();
        assertThat(round).hasSize(2).allSatisfy(a -> assertThat(a.entries()).isEmpty());
        long context = round.get(0).readContext();

        c.deliverMatching(m -> m.to() == 2); // One follower's answer: with the leader, a majority of three.
        assertThat(c.network().inFlight()).anySatisfy(m ->
                assertThat(m).isInstanceOfSatisfying(AppendResponse.class, r -> assertThat(r.readContext()).isEqualTo(context)));
        c.deliverMatching(m -> m.from() == 2);

        assertThat(confirmed(c, 1)).containsExactly(new ReadState(7, commit));
    }

    @Test
    void answersToMessagesSentBeforeTheReadDoNotConfirmIt() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.advance(c.heartbeatInterval()); // A heartbeat goes out and is held in flight.
        assertThat(c.network().inFlight()).isNotEmpty();
        List<io.graft.core.internal.protocol.Message> before = c.network().take(m -> true);

        c.on(1, core -> core.requestRead(1));
        c.network().drop(m -> true); // The round's own heartbeats are lost...
        c.network().inject(before);
        c.deliverAll(); // ...and answers to the older heartbeats prove nothing about now.

        assertThat(confirmed(c, 1)).isEmpty();
        c.runFor(2 * c.heartbeatInterval()); // The next regular heartbeats carry a newer context.
        assertThat(confirmed(c, 1)).extracting(ReadState::id).containsExactly(1L);
    }

    @Test
    void newLeaderServesReadsOnlyAfterCommittingAnEntryOfItsTerm() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.propose(1, "x");
        c.runFor(3 * c.heartbeatInterval());
        c.isolate(1);
        c.network().addDropRule(m -> m instanceof AppendResponse); // The new leader's no-op cannot commit yet.
        c.electLeader(2);
        long noop = c.core(2).lastIndex();

        c.on(2, core -> core.requestRead(1));
        c.runFor(3 * c.heartbeatInterval());
        assertThat(confirmed(c, 2)).isEmpty();
        assertThat(c.core(2).commitIndex()).isLessThan(noop);

        c.network().clearDropRules();
        c.runFor(3 * c.heartbeatInterval());
        assertThat(confirmed(c, 2)).containsExactly(new ReadState(1, noop));
    }

    @Test
    void aDeposedLeaderCutOffFromTheMajorityNeverConfirmsAReadAndDropsItWhenItStepsDown() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.isolate(1);
        c.on(1, core -> core.requestRead(1));
        c.runFor(c.electionTimeout() / 2);
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);

        c.runFor(3 * c.electionTimeout()); // The majority elects another leader; the old one steps down.
        c.heal();
        c.runFor(3 * c.heartbeatInterval());

        assertThat(confirmed(c, 1)).isEmpty();
        assertThat(c.core(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.leaderId()).isIn(2, 3);
    }

    @Test
    void manyReadsShareFewRounds() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.node(1).takeReadies();
        c.network().clearHistory();

        for (long id = 1; id <= 100; id++) {
            long read = id;
            c.on(1, core -> core.requestRead(read));
        }
        c.deliverAll();
        for (long id = 101; id <= 200; id++) {
            long read = id;
            c.on(1, core -> core.requestRead(read));
        }
        c.deliverAll();

        assertThat(confirmed(c, 1)).extracting(ReadState::id).hasSize(200).doesNotHaveDuplicates();
        long heartbeats = c.network().history().stream().filter(m -> m instanceof AppendRequest).count();
        // Per batch: the first read starts a round at once, the 99 that arrive meanwhile share the next one.
        assertThat(heartbeats).as("four rounds to two followers, not one per read").isEqualTo(8);
    }

    @Test
    void followersRefuseToRegisterReads() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);

        boolean accepted = c.on(2, core -> core.requestRead(1));
        assertThat(accepted).isFalse();
    }

    @Test
    void leaseIsHeldWhileAMajorityAnswersAndLapsesBeforeAnyOtherLeaderCanBeElected() {
        CoreCluster c = CoreCluster.of(5);
        long term = c.electLeader(1);
        c.propose(1, "x");
        c.runFor(3 * c.heartbeatInterval());
        assertThat(c.core(1).leaseReadIndex()).isEqualTo(c.core(1).commitIndex());

        c.isolate(1);
        boolean lapsed = false;
        for (int t = 0; t < 5 * c.electionTimeout(); t++) {
            c.runFor(1);
            boolean otherLeader = c.nodes().stream().anyMatch(n -> n.id() != 1 && n.core().role() == Role.LEADER);
            if (otherLeader) {
                assertThat(c.core(1).leaseReadIndex()).as("lease at t=%d while another leader exists", t).isEqualTo(-1);
            }
            lapsed |= c.core(1).role() == Role.LEADER && c.core(1).leaseReadIndex() == -1;
        }
        assertThat(lapsed).as("the lease lapsed while it still thought itself leader").isTrue();
        assertThat(c.core(c.leaderId()).term()).isGreaterThan(term);
    }

    @Test
    void noLeaseWithoutCheckQuorumOrBeforeTheFirstCommitOfTheTerm() {
        CoreCluster withoutCheckQuorum = CoreCluster.builder(3).checkQuorum(false).build();
        withoutCheckQuorum.electLeader(1);
        withoutCheckQuorum.runFor(30);
        assertThat(withoutCheckQuorum.core(1).leaseReadIndex()).isEqualTo(-1);

        CoreCluster c = CoreCluster.of(3);
        c.timeout(1);
        c.network().addDropRule(m -> m instanceof AppendResponse);
        c.deliverAll();
        c.timeout(1);
        c.deliverAll();
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(1).leaseReadIndex()).isEqualTo(-1);
    }

    @Test
    void aRestartedVoterIgnoresCandidatesForAnElectionTimeoutSoThatLeasesSurviveRestarts() {
        CoreCluster c = CoreCluster.of(3);
        long term = c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        // The leader's lease counts on 2 ignoring other candidates for a while; 2 restarts and forgets that.
        c.crash(2);
        c.restart(2);
        c.isolate(2);
        RaftCore voter = c.core(2);
        c.node(2).takeReadies();
        io.graft.core.internal.protocol.VoteRequest preVote = new io.graft.core.internal.protocol.VoteRequest(3, 2, term + 1,
                voter.lastIndex(), voter.termAt(voter.lastIndex()), true, false);

        c.step(preVote);
        assertThat(c.node(2).takeReadies()).flatExtracting(Ready::messages).as("ignored while quiet").isEmpty();

        c.advance(c.electionTimeout());
        c.node(2).takeReadies();
        c.step(preVote);
        assertThat(c.node(2).takeReadies()).flatExtracting(Ready::messages)
                .containsExactly(new io.graft.core.internal.protocol.VoteResponse(2, 3, term + 1, true, true));
    }
}
