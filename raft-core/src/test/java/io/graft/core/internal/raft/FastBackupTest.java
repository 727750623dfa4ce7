package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.concat;
import static io.graft.core.internal.raft.Fixtures.log;
import static io.graft.core.internal.raft.Fixtures.run;
import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.storage.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The leader finds where a follower's log matches in about one round trip per conflicting term, not one per
 * entry, using the rejection's hint (Raft §5.3, "the leader can decrement nextIndex to bypass all of the
 * conflicting entries in that term"). Each case has 1,000 or more entries to skip.
 */
class FastBackupTest {

    /** Elects member 1 and lets it repair member 2; returns how many times member 2 rejected a request. */
    private static long rejectionsWhileRepairing(CoreCluster c) {
        c.network().clearHistory();
        c.electLeader(1);
        c.deliverAll();
        c.runFor(3 * c.heartbeatInterval());
        return c.network().history().stream()
                .filter(m -> m instanceof AppendResponse a && !a.success() && a.from() == 2).count();
    }

    private static void assertSameLogs(CoreCluster c) {
        List<LogEntry> leader = c.node(1).storage().log();
        for (SimNode n : c.nodes()) {
            assertThat(n.storage().log()).as("member %d", n.id()).isEqualTo(leader);
            assertThat(n.core().commitIndex()).isEqualTo(leader.size());
        }
    }

    @Test
    void followerDivergentByAThousandEntriesOfOneTerm() {
        // Member 2 led term 2 and appended 1,000 entries nobody else got; member 1 led term 3 with member 3.
        List<LogEntry> winners = concat(log(1), run(2, 3, 1000));
        List<LogEntry> loser = concat(log(1), run(2, 2, 1000));
        CoreCluster c = CoreCluster.builder(3)
                .stored(1, stored(3, 1, winners)).stored(3, stored(3, 1, winners)).stored(2, stored(2, 2, loser))
                .build();

        long rejections = rejectionsWhileRepairing(c);

        assertThat(rejections).isBetween(1L, 2L);
        assertSameLogs(c);
    }

    @Test
    void followerBehindByAThousandEntries() {
        List<LogEntry> full = concat(log(1), run(2, 1, 1000));
        CoreCluster c = CoreCluster.builder(3)
                .stored(1, stored(1, 0, full)).stored(3, stored(1, 0, full)).stored(2, stored(1, 0, log(1)))
                .build();

        long rejections = rejectionsWhileRepairing(c);

        assertThat(rejections).isBetween(1L, 2L);
        assertSameLogs(c);
    }

    @Test
    void followerDivergentAcrossSeveralTermsNeedsAboutOneRejectionPerTerm() {
        // The leader's log: terms 3 and 5; member 2's: terms 2 and 4, shorter.
        List<LogEntry> winners = concat(log(1), run(2, 3, 500), run(502, 5, 500));
        List<LogEntry> loser = concat(log(1), run(2, 2, 400), run(402, 4, 400));
        CoreCluster c = CoreCluster.builder(3)
                .stored(1, stored(5, 1, winners)).stored(3, stored(5, 1, winners)).stored(2, stored(4, 2, loser))
                .build();

        long rejections = rejectionsWhileRepairing(c);

        assertThat(rejections).isBetween(1L, 4L);
        assertSameLogs(c);
    }

    @Test
    void fresherFollowerOfAnEarlierTermIsRepairedWithoutWalkingBack() {
        // Member 2 holds more entries of term 2 than the leader holds: the leader skips to the end of its own.
        List<LogEntry> winners = concat(log(1), run(2, 2, 10), run(12, 3, 5));
        List<LogEntry> loser = concat(log(1), run(2, 2, 1000));
        CoreCluster c = CoreCluster.builder(3)
                .stored(1, stored(3, 1, winners)).stored(3, stored(3, 1, winners)).stored(2, stored(2, 0, loser))
                .build();

        long rejections = rejectionsWhileRepairing(c);

        assertThat(rejections).isBetween(1L, 3L);
        assertSameLogs(c);
    }
}
