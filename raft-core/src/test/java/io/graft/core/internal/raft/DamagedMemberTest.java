package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Members whose disk lost data they had acknowledged: a follower whose log lost its newest entries is repaired
 * by the leader that already counted them, and a member that starts without data never votes acknowledged
 * entries away before a leader has caught it up.
 */
class DamagedMemberTest {

    @Test
    void aFollowerWhoseLogLostAcknowledgedEntriesIsRepairedByTheSameLeader() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        proposeAndReplicate(c, 1, 40);
        long leaderLast = c.core(1).lastIndex();
        assertThat(c.node(3).storage().lastIndex()).isEqualTo(leaderLast);

        c.crash(3);
        c.node(3).storage().loseEntriesFrom(leaderLast - 15);
        c.restart(3);
        c.runFor(5 * c.heartbeatInterval());

        assertThat(c.leaderId()).as("no election was needed").isEqualTo(1);
        assertThat(c.node(3).storage().log()).isEqualTo(c.node(1).storage().log());
        long next = c.propose(1, "after repair");
        c.runFor(2 * c.heartbeatInterval());
        assertThat(c.node(3).storage().lastIndex()).isEqualTo(next);
        assertThat(c.core(3).commitIndex()).isEqualTo(next);
    }

    @Test
    void aFollowerThatLostOnlyItsLastEntryIsRepaired() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        proposeAndReplicate(c, 1, 5);
        long leaderLast = c.core(1).lastIndex();

        c.crash(2);
        c.node(2).storage().loseEntriesFrom(leaderLast);
        c.restart(2);
        c.runFor(5 * c.heartbeatInterval());

        assertThat(c.node(2).storage().lastIndex()).isEqualTo(leaderLast);
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
    }

    @Test
    void aWipedFollowerIsRebuiltByTheSameLeaderAndThenVotesAgain() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        proposeAndReplicate(c, 1, 30);

        c.crash(3);
        c.node(3).storage().wipe();
        c.restart(3);
        assertThat(c.core(3).catchingUp()).isTrue();
        c.runFor(5 * c.heartbeatInterval());

        assertThat(c.node(3).storage().log()).isEqualTo(c.node(1).storage().log());
        assertThat(c.core(3).catchingUp()).isFalse();
        assertThat(c.node(3).storage().hardState().catchingUp()).as("caught up, durably").isFalse();
    }

    /**
     * The scenario of a lost write: member 2 misses 100 acknowledged entries, member 3 (which holds them) loses
     * its data directory, member 1 (the other holder) is down. Members 2 and 3 alone must not elect anyone, and
     * once member 1 is back, every acknowledged entry survives on every member.
     */
    @Test
    void aBlankMemberDoesNotVoteAwayEntriesItHadAcknowledged() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        proposeAndReplicate(c, 1, 10);
        c.crash(2);
        long before = c.core(1).lastIndex();
        List<Long> acknowledged = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            acknowledged.add(c.propose(1, "ack " + i));
        }
        c.runFor(2 * c.heartbeatInterval());
        assertThat(c.core(1).commitIndex()).isGreaterThanOrEqualTo(acknowledged.get(99));
        List<LogEntry> committedLog = c.node(1).storage().log();

        c.crash(3);
        c.node(3).storage().wipe();
        c.crash(1);
        c.restart(2);
        c.restart(3);
        c.runFor(20 * c.electionTimeout());
        assertThat(c.leaderId()).as("2 (log at %d) and blank 3 must not elect anyone", before).isZero();

        c.restart(1);
        c.runFor(10 * c.electionTimeout());
        assertThat(c.leaderId()).isNotZero();
        for (int id = 1; id <= 3; id++) {
            assertThat(c.node(id).storage().log()).as("member %d's log", id)
                    .startsWith(committedLog.toArray(LogEntry[]::new));
            assertThat(c.core(id).catchingUp()).isFalse();
        }
    }

    @Test
    void membersThatAllStartBlankFormANewClusterAndAreCaughtUpByItsFirstLeader() {
        CoreCluster.Builder b = CoreCluster.builder(3);
        for (int id = 1; id <= 3; id++) {
            b.stored(id, new StoredState(HardState.BLANK, List.of()));
        }
        CoreCluster c = b.build();
        c.runFor(10 * c.electionTimeout());
        assertThat(c.leaderId()).isNotZero();
        int leader = c.leaderId();
        long index = c.propose(leader, "first");
        c.runFor(2 * c.heartbeatInterval());
        for (int id = 1; id <= 3; id++) {
            assertThat(c.core(id).commitIndex()).isGreaterThanOrEqualTo(index);
            assertThat(c.core(id).catchingUp()).as("member %d", id).isFalse();
            assertThat(c.node(id).storage().hardState().catchingUp()).isFalse();
        }
    }

    @Test
    void aCatchingUpMemberVotesOnlyForCandidatesThatAreCatchingUpToo() {
        RaftCore blank = new RaftCore(Fixtures.config(3, 3, false, false), new StoredState(HardState.BLANK, List.of()),
                new java.util.SplittableRandom(3), 0);
        blank.step(new VoteRequest(2, 3, 1, 51, 1, false, false, false));
        assertThat(votes(blank)).containsExactly(false);

        blank.step(new VoteRequest(1, 3, 2, 1, 1, false, false, true));
        assertThat(votes(blank)).containsExactly(true);
    }

    @Test
    void aMemberThatIsNotCatchingUpRefusesCandidatesThatAre() {
        RaftCore member = new RaftCore(Fixtures.config(3, 3, false, false), Fixtures.stored(1, 0, 1),
                new java.util.SplittableRandom(3), 0);
        member.step(new VoteRequest(2, 3, 2, 60, 2, false, false, true));
        assertThat(votes(member)).containsExactly(false);

        member.step(new VoteRequest(1, 3, 3, 1, 1, false, false, false));
        assertThat(votes(member)).containsExactly(true);
    }

    /**
     * A leader's commit index proves nothing to a member that lost its term: a stale leader, cut off from the
     * others, still announces its old one. Only an index the leader confirmed with a majority, in a round that
     * began after this member's acknowledgements stopped counting, makes it caught up.
     */
    @Test
    void aCatchingUpFollowerIsCaughtUpOnlyByAConfirmedIndexThatItHolds() {
        RaftCore member = new RaftCore(Fixtures.config(3, 3, false, false), new StoredState(HardState.BLANK, List.of()),
                new java.util.SplittableRandom(3), 0);
        List<LogEntry> leaderLog = Fixtures.log(1, 1, 1, 1, 1);
        member.step(new AppendRequest(1, 3, 1, 0, 0, 5, leaderLog, 0));
        persistAll(member);
        assertThat(member.commitIndex()).isEqualTo(5);
        assertThat(member.catchingUp()).as("holds the whole committed log, unconfirmed").isTrue();

        member.step(new AppendRequest(1, 3, 1, 5, 1, 5, List.of(), 0, 6));
        persistAll(member);
        assertThat(member.catchingUp()).as("confirmed beyond what it holds").isTrue();

        member.step(new AppendRequest(1, 3, 1, 5, 1, 5, List.of(), 0, 5));
        persistAll(member);
        assertThat(member.catchingUp()).isFalse();
    }

    @Test
    void aNewClusterWhoseFirstLeaderDiesAtOnceElectsAnotherAmongTheRest() {
        CoreCluster.Builder b = CoreCluster.builder(5);
        for (int id = 1; id <= 5; id++) {
            b.stored(id, new StoredState(HardState.BLANK, List.of()));
        }
        CoreCluster c = b.build();
        c.electLeader(1);
        assertThat(c.core(2).lastIndex()).isEqualTo(1);
        assertThat(c.core(2).catchingUp()).isTrue();
        c.crash(1);
        c.crash(4);
        c.runFor(10 * c.electionTimeout());
        assertThat(c.leaderId()).isNotZero();
    }

    /**
     * A wiped member that received part of the log from a leader that then died must not use the part it holds:
     * committed entries may lie beyond it, on the dead leader and on nobody else that voted.
     */
    @Test
    void aPartlyRebuiltMemberDoesNotWinAgainstAMemberThatKeptItsData() {
        CoreCluster c = CoreCluster.builder(3).maxEntriesPerMessage(10).build();
        c.electLeader(1);
        proposeAndReplicate(c, 1, 10);
        c.crash(2);
        for (int i = 0; i < 60; i++) {
            c.propose(1, "ack " + i);
        }
        c.runFor(2 * c.heartbeatInterval());
        long committed = c.core(1).commitIndex();
        assertThat(committed).isGreaterThan(c.node(2).storage().lastIndex());

        c.crash(3);
        c.node(3).storage().wipe();
        c.restart(3);
        long behind = c.node(2).storage().lastIndex();
        for (int step = 0; step < 10_000 && c.core(3).lastIndex() <= behind + 5; step++) {
            int at = indexOfFirst(c.network().inFlight(), m -> m.to() == 3 || m.from() == 3);
            if (at < 0) {
                c.advance(1);
            } else {
                c.deliverAt(at);
            }
        }
        assertThat(c.core(3).lastIndex()).isBetween(behind + 1, committed - 1);
        c.crash(1);
        c.network().drop(m -> true);
        assertThat(c.core(3).catchingUp()).isTrue();
        c.restart(2);
        c.runFor(20 * c.electionTimeout());
        assertThat(c.leaderId()).as("2 lacks committed entries, 3 may lack them: neither may lead").isZero();
    }

    private static int indexOfFirst(List<io.graft.core.internal.protocol.Message> messages,
                                    java.util.function.Predicate<io.graft.core.internal.protocol.Message> which) {
        for (int i = 0; i < messages.size(); i++) {
            if (which.test(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void persistAll(RaftCore core) {
        while (core.hasReady()) {
            core.ready();
        }
        core.persisted(core.lastIndex(), core.termAt(core.lastIndex()));
        while (core.hasReady()) {
            core.ready();
        }
    }

    private static List<Boolean> votes(RaftCore core) {
        Ready r = core.ready();
        return java.util.stream.Stream.concat(r.messages().stream(), r.messagesAfterPersist().stream())
                .filter(VoteResponse.class::isInstance).map(m -> ((VoteResponse) m).granted()).toList();
    }

    private static void proposeAndReplicate(CoreCluster c, int leader, int count) {
        for (int i = 0; i < count; i++) {
            c.propose(leader, "cmd " + i);
        }
        c.runFor(2 * c.heartbeatInterval());
    }
}
