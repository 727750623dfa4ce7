package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.LogEntry;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Figure 8 of the Raft paper: an entry from an earlier term that reaches a majority is still not committed,
 * because a member with a log of a later term can be elected and overwrite it. Only entries of the leader's
 * current term are committed by counting replicas; earlier ones commit with them (§5.4.2).
 *
 * <p>History given to the five members: term 1 committed 1@1 everywhere; in term 2, S1 led and got 2@2 onto
 * S2 only; in term 3, S5 led (votes of S3, S4) and appended 2@3 only locally. Now S1 comes back and wins
 * term 4 with S2 and S3, while S5 is away and S4 cannot hear S1.
 */
class Figure8Test {

    /**
     * What S1 must not get to S3 yet: its current-term entry 3@4, once S3 holds 2@2 (S3 must still see the
     * first probe, which also carries 3@4, to reject it and be sent 2@2).
     */
    private static Predicate<Message> currentTermEntryToS3(CoreCluster c) {
        return m -> m.to() == 3 && c.core(3).lastIndex() >= 2
                && m instanceof AppendRequest a && a.entries().stream().anyMatch(e -> e.term() == 4);
    }

    private static CoreCluster figure8() {
        CoreCluster c = CoreCluster.builder(5).preVote(false).checkQuorum(false).maxEntriesPerMessage(1)
                .stored(1, stored(2, 1, 1, 2))
                .stored(2, stored(2, 1, 1, 2))
                .stored(3, stored(3, 5, 1))
                .stored(4, stored(3, 5, 1))
                .stored(5, stored(3, 5, 1, 3))
                .build();
        c.isolate(5);
        c.network().cut(1, 4);
        for (int attempt = 0; attempt < 5 && c.core(1).role() != Role.LEADER; attempt++) {
            c.timeout(1);
            c.deliverMatching(currentTermEntryToS3(c).negate());
        }
        assertThat(c.core(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.core(1).term()).isEqualTo(4);
        return c;
    }

    @Test
    void entryOfAnEarlierTermOnAMajorityIsNotCommittedByCounting() {
        CoreCluster c = figure8();

        // 2@2 is now on S1, S2 and S3, and S1 knows it: S3 acknowledged index 2 in term 4.
        for (int id = 1; id <= 3; id++) {
            assertThat(c.core(id).termAt(2)).as("S%d", id).isEqualTo(2);
        }
        assertThat(c.network().history()).contains(new AppendResponse(3, 1, 4, true, 2, 0, 0));
        assertThat(c.core(1).commitIndex()).isZero();
        assertThat(c.node(1).applied()).isEmpty();
    }

    @Test
    void andRightlySo_aLaterLeaderMayOverwriteIt() {
        CoreCluster c = figure8();

        c.crash(1);
        c.heal();
        c.network().drop(m -> true);
        for (int attempt = 0; attempt < 5 && c.core(5).role() != Role.LEADER; attempt++) {
            c.timeout(5);
            c.deliverAll();
        }
        assertThat(c.core(5).role()).isEqualTo(Role.LEADER);
        c.runFor(5 * c.heartbeatInterval());

        assertThat(c.core(3).termAt(2)).isEqualTo(3); // 2@2 overwritten on S3 ...
        assertThat(c.node(3).applied()).extracting(LogEntry::index, LogEntry::term)
                .startsWith(tuple(1L, 1L), tuple(2L, 3L));
        c.restart(1);
        c.runFor(5 * c.heartbeatInterval());
        List<LogEntry> committed = c.checker().committed();
        for (SimNode n : c.nodes()) {
            assertThat(n.applied()).as("S%d", n.id()).isEqualTo(committed); // ... and on S1 and S2 as well
            assertThat(n.core().termAt(2)).isEqualTo(3);
        }
    }

    @Test
    void itCommitsOnceAnEntryOfTheCurrentTermReachesAMajority() {
        CoreCluster c = figure8();

        c.deliverAll(); // 3@4 reaches S3

        assertThat(c.core(1).commitIndex()).isEqualTo(3);
        assertThat(c.node(1).applied()).extracting(LogEntry::term).containsExactly(1L, 2L, 4L);
        // Now S5 can no longer win: S2 and S3 hold a later last term than it does.
        c.crash(1);
        c.heal();
        for (int attempt = 0; attempt < 5; attempt++) {
            c.timeout(5);
            c.deliverAll();
            assertThat(c.core(5).role()).isNotEqualTo(Role.LEADER);
        }
    }

    @Test
    void leaderCountsItsOwnEntryOnlyOnceItIsPersisted() {
        CoreCluster c = CoreCluster.of(5);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        Predicate<Message> onlyTwoAndThree = m -> m.to() != 4 && m.to() != 5;

        c.pauseStorage(1);
        long x = c.propose(1, "x");
        c.deliverMatching(onlyTwoAndThree);
        assertThat(c.core(1).commitIndex()).isLessThan(x); // S2 and S3 hold it; S1's copy is not durable
        c.resumeStorage(1);
        assertThat(c.core(1).commitIndex()).isEqualTo(x);

        c.pauseStorage(1);
        long y = c.propose(1, "y");
        c.deliverMatching(onlyTwoAndThree);
        assertThat(c.core(1).commitIndex()).isLessThan(y);
        c.deliverMatching(m -> m.to() == 4 || m.from() == 4); // three followers without the leader suffice
        assertThat(c.core(1).commitIndex()).isEqualTo(y);
        assertThat(c.appliedCommands(1)).containsExactly("x"); // not yet durable at S1, so not applied there
        c.resumeStorage(1);
        assertThat(c.appliedCommands(1)).containsExactly("x", "y");
    }
}
