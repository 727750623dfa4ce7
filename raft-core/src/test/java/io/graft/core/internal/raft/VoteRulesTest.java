package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.core;
import static io.graft.core.internal.raft.Fixtures.ofType;
import static io.graft.core.internal.raft.Fixtures.pastRestartQuiet;
import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.HardState;
import io.graft.core.storage.StoredState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Voting rules of one core, driven message by message: Raft §5.2, §5.4.1 and Figure 2. */
class VoteRulesTest {

    private static VoteRequest vote(int from, int to, long term, long lastIndex, long lastTerm) {
        return new VoteRequest(from, to, term, lastIndex, lastTerm, false, false);
    }

    @Test
    void grantsOneVotePerTermAndAnswersOnlyAfterPersistingIt() {
        RaftCore voter = core(1, 3, StoredState.EMPTY);

        voter.step(vote(2, 1, 1, 0, 0));
        Ready r = voter.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(1, 2));
        assertThat(r.messages()).isEmpty();
        assertThat(r.messagesAfterPersist()).containsExactly(new VoteResponse(1, 2, 1, true, false));

        // A second candidate in the same term is refused, and the recorded vote stays.
        voter.step(vote(3, 1, 1, 0, 0));
        r = voter.ready();
        assertThat(r.hardState()).isNull();
        assertThat(r.messages()).isEmpty();
        assertThat(r.messagesAfterPersist()).containsExactly(new VoteResponse(1, 3, 1, false, false));

        // The same candidate asking again (its request was retried) gets the same answer.
        voter.step(vote(2, 1, 1, 0, 0));
        r = voter.ready();
        assertThat(r.messagesAfterPersist()).containsExactly(new VoteResponse(1, 2, 1, true, false));
        assertThat(r.hardState()).isIn(null, new HardState(1, 2));
    }

    @Test
    void refusesCandidateWhoseLastTermIsLower() {
        RaftCore voter = pastRestartQuiet(core(1, 3, stored(2, 0, 1, 2)));

        voter.step(vote(2, 1, 3, 5, 1)); // longer log, but older last term
        Ready r = voter.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(3, 0)); // the term is adopted, no vote recorded
        assertThat(r.messagesAfterPersist()).containsExactly(new VoteResponse(1, 2, 3, false, false));

        voter.step(vote(3, 1, 3, 2, 2)); // as up to date as the voter: granted
        r = voter.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(3, 3));
        assertThat(r.messagesAfterPersist()).containsExactly(new VoteResponse(1, 3, 3, true, false));
    }

    @Test
    void refusesCandidateWithSameLastTermButShorterLog() {
        RaftCore voter = pastRestartQuiet(core(1, 3, stored(1, 0, 1, 1, 1)));

        voter.step(vote(2, 1, 2, 2, 1));
        assertThat(voter.ready().messagesAfterPersist()).containsExactly(new VoteResponse(1, 2, 2, false, false));

        voter.step(vote(3, 1, 2, 3, 1));
        assertThat(voter.ready().messagesAfterPersist()).containsExactly(new VoteResponse(1, 3, 2, true, false));
    }

    @Test
    void candidateSendsItsVoteRequestsOnlyAfterPersistingItsOwnVote() {
        RaftCore c = core(1, 3, stored(4, 0, 1, 3), false, true);

        c.tick(c.nextDeadline());

        assertThat(c.role()).isEqualTo(Role.CANDIDATE);
        Ready r = c.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(5, 1));
        assertThat(r.messages()).isEmpty();
        assertThat(r.messagesAfterPersist()).containsExactlyInAnyOrder(
                new VoteRequest(1, 2, 5, 2, 3, false, false), new VoteRequest(1, 3, 5, 2, 3, false, false));
    }

    @Test
    void electionTimeoutIsRandomWithinOneToTwoTimeouts() {
        Set<Long> seen = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            RaftCore c = new RaftCore(Fixtures.config(1, 3, true, true), StoredState.EMPTY, new SplittableRandom(seed), 1000);
            long deadline = c.nextDeadline();
            assertThat(deadline).isBetween(1000 + Fixtures.ELECTION_TIMEOUT, 1000 + 2 * Fixtures.ELECTION_TIMEOUT - 1);
            c.tick(deadline - 1);
            assertThat(c.role()).isEqualTo(Role.FOLLOWER);
            c.tick(deadline);
            assertThat(c.role()).isEqualTo(Role.PRE_CANDIDATE);
            seen.add(deadline);
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void preVoteAsksWithoutRaisingTermAndGrantingItChangesNothing() {
        RaftCore candidate = core(1, 3, stored(4, 0, 1, 4));
        RaftCore voter = pastRestartQuiet(core(2, 3, stored(4, 0, 1, 4)));

        candidate.tick(candidate.nextDeadline());
        assertThat(candidate.role()).isEqualTo(Role.PRE_CANDIDATE);
        assertThat(candidate.term()).isEqualTo(4);
        Ready r = candidate.ready();
        assertThat(r.hardState()).isNull();
        assertThat(r.messagesAfterPersist()).isEmpty();
        List<VoteRequest> asks = ofType(r.messages(), VoteRequest.class);
        assertThat(asks).containsExactlyInAnyOrder(
                new VoteRequest(1, 2, 5, 2, 4, true, false), new VoteRequest(1, 3, 5, 2, 4, true, false));

        voter.step(asks.stream().filter(v -> v.to() == 2).findFirst().orElseThrow());
        Ready vr = voter.ready();
        assertThat(voter.term()).isEqualTo(4);
        assertThat(vr.hardState()).isNull();
        assertThat(vr.messages()).containsExactly(new VoteResponse(2, 1, 5, true, true));

        candidate.step(vr.messages().get(0));
        assertThat(candidate.role()).isEqualTo(Role.CANDIDATE);
        assertThat(candidate.term()).isEqualTo(5);
        Ready real = candidate.ready();
        assertThat(real.hardState()).isEqualTo(new HardState(5, 1));
        assertThat(ofType(real.messagesAfterPersist(), VoteRequest.class)).hasSize(2).allMatch(v -> !v.preVote());
    }

    @Test
    void preVoteIsRefusedToCandidateWithStaleLog() {
        RaftCore voter = pastRestartQuiet(core(2, 3, stored(4, 0, 1, 4)));
        voter.step(new VoteRequest(1, 2, 5, 5, 3, true, false));
        Ready r = voter.ready();
        assertThat(r.messages()).containsExactly(new VoteResponse(2, 1, 4, false, true));
        assertThat(voter.term()).isEqualTo(4);
        assertThat(r.hardState()).isNull();
    }

    @Test
    void leaderStepsDownOnHigherTermAndAdoptsIt() {
        RaftCore leader = leaderOfThree();
        long term = leader.term();

        leader.step(new AppendResponse(2, 1, term + 3, false, 0, 0, 0));

        assertThat(leader.role()).isEqualTo(Role.FOLLOWER);
        assertThat(leader.term()).isEqualTo(term + 3);
        assertThat(leader.ready().hardState()).isEqualTo(new HardState(term + 3, 0));
    }

    @Test
    void candidateStepsDownOnHigherTermAndFollowsTheSender() {
        RaftCore c = core(1, 3, StoredState.EMPTY, false, true);
        c.tick(c.nextDeadline());
        c.ready();
        assertThat(c.role()).isEqualTo(Role.CANDIDATE);

        c.step(new AppendRequest(3, 1, 7, 0, 0, 0, List.of()));

        assertThat(c.role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.term()).isEqualTo(7);
        assertThat(c.leaderId()).isEqualTo(3);
        Ready r = c.ready();
        assertThat(r.hardState()).isEqualTo(new HardState(7, 0));
        assertThat(r.messagesAfterPersist()).containsExactly(new AppendResponse(1, 3, 7, true, 0, 0, 0));
    }

    @Test
    void candidateStepsDownWhenAnotherWonTheSameTerm() {
        RaftCore c = core(1, 3, StoredState.EMPTY, false, true);
        c.tick(c.nextDeadline());
        c.ready();

        c.step(new AppendRequest(2, 1, 1, 0, 0, 0, List.of()));

        assertThat(c.role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.term()).isEqualTo(1);
        assertThat(c.leaderId()).isEqualTo(2);
    }

    @Test
    void staleTermMessagesAreAnsweredWithTheCurrentTermAndChangeNothing() {
        RaftCore c = core(1, 3, stored(5, 2, 1, 5));

        c.step(new AppendRequest(3, 1, 3, 2, 5, 2, Fixtures.log(1, 3, 3).subList(2, 3)));
        Ready r = c.ready();
        assertThat(r.messages()).containsExactly(new AppendResponse(1, 3, 5, false, 2, 0, 0));
        assertThat(r.messagesAfterPersist()).isEmpty();
        assertThat(r.hardState()).isNull();
        assertThat(r.entries()).isEmpty();

        c.step(vote(3, 1, 4, 9, 4));
        r = c.ready();
        assertThat(r.messages()).containsExactly(new VoteResponse(1, 3, 5, false, false));
        assertThat(r.hardState()).isNull();

        c.step(new AppendResponse(3, 1, 4, true, 2, 0, 0));
        c.step(new VoteResponse(3, 1, 4, true, false));
        assertThat(c.hasReady()).isFalse();
        assertThat(c.term()).isEqualTo(5);
        assertThat(c.role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.lastIndex()).isEqualTo(2);
    }

    @Test
    void followerThatHeardFromItsLeaderRecentlyIgnoresADisruptiveCandidate() {
        RaftCore f = core(1, 3, stored(1, 0, 1));
        f.step(new AppendRequest(2, 1, 1, 1, 1, 1, List.of()));
        f.ready();

        f.tick(Fixtures.ELECTION_TIMEOUT / 2);
        f.step(vote(3, 1, 2, 9, 1));

        assertThat(f.term()).isEqualTo(1);
        assertThat(f.leaderId()).isEqualTo(2);
        Ready r = f.ready();
        assertThat(r.hardState()).isNull();
        assertThat(r.messages()).isEmpty();
        assertThat(r.messagesAfterPersist()).isEmpty();

        // A leadership transfer is not disruptive: it is heard even during the lease.
        f.step(new VoteRequest(3, 1, 2, 9, 1, false, true));
        assertThat(f.term()).isEqualTo(2);
        assertThat(f.ready().messagesAfterPersist()).containsExactly(new VoteResponse(1, 3, 2, true, false));
    }

    @Test
    void followerVotesOnceItsLeaderHasBeenSilentForAnElectionTimeout() {
        RaftCore f = core(1, 3, stored(1, 0, 1));
        f.step(new AppendRequest(2, 1, 1, 1, 1, 1, List.of()));
        f.ready();

        f.tick(Fixtures.ELECTION_TIMEOUT);
        f.step(vote(3, 1, 2, 9, 1));

        assertThat(f.term()).isEqualTo(2);
        assertThat(f.ready().messagesAfterPersist()).containsExactly(new VoteResponse(1, 3, 2, true, false));
    }

    @Test
    void withoutCheckQuorumThereIsNoLeaseAndTheHigherTermWins() {
        RaftCore f = core(1, 3, stored(1, 0, 1), true, false);
        f.step(new AppendRequest(2, 1, 1, 1, 1, 1, List.of()));
        f.ready();

        f.step(vote(3, 1, 2, 9, 1));

        assertThat(f.term()).isEqualTo(2);
        assertThat(f.ready().messagesAfterPersist()).containsExactly(new VoteResponse(1, 3, 2, true, false));
    }

    /** Member 1 of three, elected in term 1 without pre-vote. */
    static RaftCore leaderOfThree() {
        RaftCore c = core(1, 3, StoredState.EMPTY, false, true);
        c.tick(c.nextDeadline());
        c.ready();
        c.step(new VoteResponse(2, 1, 1, true, false));
        assertThat(c.role()).isEqualTo(Role.LEADER);
        c.ready();
        return c;
    }
}
