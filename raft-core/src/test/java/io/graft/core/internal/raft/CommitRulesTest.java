package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.core;
import static io.graft.core.internal.raft.Fixtures.log;
import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When entries count as committed, and how they are handed to the state machine. */
class CommitRulesTest {

    @Test
    void leaderDoesNotCommitWithTwoOfFive() {
        CoreCluster c = CoreCluster.of(5);
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());

        long x = c.propose(1, "x");
        c.deliverMatching(m -> m.to() == 2 || m.from() == 2);

        assertThat(c.core(2).persistedIndex()).isEqualTo(x);
        assertThat(c.core(1).commitIndex()).isLessThan(x);
        c.deliverMatching(m -> m.to() == 3 || m.from() == 3);
        assertThat(c.core(1).commitIndex()).isEqualTo(x);
    }

    @Test
    void committedEntriesAreHandedOutOnceInOrderAndOnlyOnceDurable() {
        RaftCore f = core(1, 3, stored(1, 0));
        List<LogEntry> leader = log(1, 1, 1, 1, 1);

        f.step(new AppendRequest(2, 1, 1, 0, 0, 5, leader));
        Ready r = f.ready();
        assertThat(r.commitIndex()).isEqualTo(5);
        assertThat(r.committed()).isEmpty(); // committed cluster-wide, but not on this disk yet

        f.persisted(2, 1);
        assertThat(f.ready().committed()).isEqualTo(leader.subList(0, 2));
        f.persisted(5, 1);
        assertThat(f.ready().committed()).isEqualTo(leader.subList(2, 5));
        assertThat(f.hasReady()).isFalse();
        assertThat(f.ready().committed()).isEmpty();
    }

    @Test
    void persistedReportForAnOverwrittenEntryIsIgnored() {
        RaftCore f = core(1, 3, stored(2, 0, 1));
        f.step(new AppendRequest(2, 1, 2, 1, 1, 1, log(1, 2, 2).subList(1, 3)));
        assertThat(f.ready().committed()).extracting(LogEntry::index).containsExactly(1L);
        // Before that write is durable, the leader of term 3 replaces entries 2 and 3 and commits them.
        f.step(new AppendRequest(3, 1, 3, 1, 1, 3, log(1, 3, 3).subList(1, 3)));
        assertThat(f.ready().committed()).isEmpty();

        f.persisted(3, 2); // the first write, about entries that no longer exist
        assertThat(f.persistedIndex()).isEqualTo(1);
        assertThat(f.ready().committed()).isEmpty();

        f.persisted(3, 3);
        assertThat(f.persistedIndex()).isEqualTo(3);
        assertThat(f.ready().committed()).extracting(LogEntry::term).containsExactly(3L, 3L);
    }

    @Test
    void longCatchUpIsHandedOutInOrderedPiecesEachEntryOnce() {
        RaftCore single = core(1, 1, StoredState.EMPTY);
        single.tick(single.nextDeadline());
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            payloads.add(new byte[] {(byte) i});
        }
        single.propose(payloads);
        Ready first = Fixtures.readyAndPersist(single);
        assertThat(first.entries()).hasSize(20_001);

        List<LogEntry> handed = new ArrayList<>();
        int readies = 0;
        while (single.hasReady()) {
            Ready r = single.ready();
            readies++;
            handed.addAll(r.committed());
        }
        assertThat(readies).isGreaterThan(1);
        assertThat(handed).hasSize(20_001);
        for (int i = 0; i < handed.size(); i++) {
            assertThat(handed.get(i).index()).isEqualTo(i + 1);
        }
        assertThat(single.commitIndex()).isEqualTo(20_001);
    }

    @Test
    void commitIndexesOnlyGrowThroughLossAndDelay() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        for (int i = 0; i < 30; i++) {
            c.propose(1, "c" + i);
            if (i % 3 == 0) {
                c.network().drop(m -> m.to() == 2);
            }
            c.advance(1);
            if (i % 2 == 0) {
                c.deliverNext();
            }
        }
        c.runFor(c.electionTimeout());

        // The checker verified after every event that commit indexes never went back; all agree at the end.
        for (SimNode n : c.nodes()) {
            assertThat(n.core().commitIndex()).isEqualTo(31);
            assertThat(c.appliedCommands(n.id())).hasSize(30);
        }
    }
}
