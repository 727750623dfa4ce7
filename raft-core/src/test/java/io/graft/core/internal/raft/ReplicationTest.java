package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.core;
import static io.graft.core.internal.raft.Fixtures.log;
import static io.graft.core.internal.raft.Fixtures.ofType;
import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log replication (Raft §5.3): entries travel, acknowledgements wait for the disk, commit indexes follow. */
class ReplicationTest {

    @Test
    void entriesReachEveryFollowerAndCommitInOrder() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        List<String> sent = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            sent.add("cmd-" + i);
            assertThat(c.propose(1, "cmd-" + i)).isEqualTo(i + 2L); // index 1 is the leader's no-op
        }
        c.runFor(3 * c.heartbeatInterval());

        for (SimNode n : c.nodes()) {
            assertThat(c.appliedCommands(n.id())).as("member %d", n.id()).isEqualTo(sent);
            assertThat(n.core().commitIndex()).isEqualTo(21);
            assertThat(n.storage().log()).isEqualTo(c.node(1).storage().log());
        }
    }

    @Test
    void proposalsAtAFollowerAreRefused() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);

        assertThat(c.propose(2, "nope")).isEqualTo(-1);
        assertThat(c.core(2).lastIndex()).isEqualTo(1);
    }

    @Test
    void followerAcknowledgesEntriesOnlyAfterPersistingThem() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(2 * c.heartbeatInterval());
        c.pauseStorage(2);
        c.pauseStorage(3);
        c.node(2).takeReadies();
        c.network().clearHistory();

        long index = c.propose(1, "x");
        c.deliverAll();

        List<Ready> readies = c.node(2).takeReadies();
        assertThat(readies.stream().flatMap(r -> r.entries().stream()).map(LogEntry::index)).contains(index);
        for (Ready r : readies) {
            assertThat(ofType(r.messages(), AppendResponse.class)).noneMatch(AppendResponse::success);
        }
        assertThat(readies.stream().flatMap(r -> ofType(r.messagesAfterPersist(), AppendResponse.class).stream()))
                .anyMatch(a -> a.success() && a.index() == index);
        // Nothing is acknowledged while the disks are stuck, so nothing commits.
        assertThat(c.network().history().stream().filter(m -> m instanceof AppendResponse a && a.success()
                && a.index() >= index)).isEmpty();
        assertThat(c.core(1).commitIndex()).isLessThan(index);

        c.resumeStorage(2);
        c.deliverAll();
        assertThat(c.core(1).commitIndex()).isEqualTo(index);
    }

    @Test
    void followerCommitIndexIsTheSmallerOfLeaderCommitAndItsLastNewEntry() {
        RaftCore f = core(1, 3, stored(1, 0, 1, 1, 1, 1, 1));
        List<LogEntry> leaderLog = log(1, 1, 1, 1, 1);

        // The leader says 10 is committed, but this request only proves entries up to 3 match.
        f.step(new AppendRequest(2, 1, 1, 0, 0, 10, leaderLog.subList(0, 3)));
        Ready r = Fixtures.readyAndPersist(f);
        assertThat(f.commitIndex()).isEqualTo(3);
        assertThat(r.commitIndex()).isEqualTo(3);
        assertThat(r.committed()).isEqualTo(leaderLog.subList(0, 3));
        assertThat(r.messagesAfterPersist()).containsExactly(new AppendResponse(1, 2, 1, true, 3, 0, 0));

        // A lower leader commit never lowers ours.
        f.step(new AppendRequest(2, 1, 1, 3, 1, 2, leaderLog.subList(3, 4)));
        Fixtures.readyAndPersist(f);
        assertThat(f.commitIndex()).isEqualTo(3);

        // A heartbeat proving the whole log matches lets the commit reach the leader's, up to our last entry.
        f.step(new AppendRequest(2, 1, 1, 5, 1, 4, List.of()));
        r = Fixtures.readyAndPersist(f);
        assertThat(f.commitIndex()).isEqualTo(4);
        assertThat(r.committed()).isEqualTo(leaderLog.subList(3, 4));
    }

    @Test
    void leaderSendsEntriesBeforeItsOwnWriteButCommitsOnlyWhenAMajorityHoldsThem() {
        CoreCluster c = CoreCluster.of(3);
        c.electLeader(1);
        c.runFor(2 * c.heartbeatInterval());
        c.pauseStorage(1);
        c.node(1).takeReadies();

        long index = c.propose(1, "x");

        List<Message> now = c.node(1).takeReadies().stream().flatMap(r -> r.messages().stream()).toList();
        assertThat(ofType(now, AppendRequest.class)).hasSize(2)
                .allMatch(a -> a.entries().stream().anyMatch(e -> e.index() == index));
        c.deliverAll();
        // Two followers of three persisted it: a majority even without the leader's own disk.
        assertThat(c.core(1).commitIndex()).isEqualTo(index);
        assertThat(c.node(1).applied()).hasSize((int) index - 1); // but it cannot apply what it has not persisted
        c.resumeStorage(1);
        assertThat(c.appliedCommands(1)).containsExactly("x");
    }
}
