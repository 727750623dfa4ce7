package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.core;
import static io.graft.core.internal.raft.Fixtures.log;
import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The follower's side of log matching (Raft §5.3): truncate on a real conflict, and only then. */
class LogConflictTest {

    private static void assertLogTerms(RaftCore core, long... terms) {
        assertThat(core.lastIndex()).isEqualTo(terms.length);
        for (int i = 0; i < terms.length; i++) {
            assertThat(core.termAt(i + 1)).as("term at %d", i + 1).isEqualTo(terms[i]);
        }
    }

    @Test
    void followerTruncatesExactlyFromTheFirstConflictAndEndsWithTheLeadersLog() {
        // Entries 3..5 of term 2 were never committed; the leader of term 3 has 3@2 too, then its own.
        RaftCore f = core(1, 3, stored(2, 0, 1, 1, 2, 2, 2));
        List<LogEntry> leader = log(1, 1, 2, 3, 3, 3);

        f.step(new AppendRequest(2, 1, 3, 2, 1, 2, leader.subList(2, 6)));
        Ready r = Fixtures.readyAndPersist(f);

        assertThat(r.truncatedFrom()).isEqualTo(4);
        assertThat(r.entries()).isEqualTo(leader.subList(3, 6));
        assertThat(r.hardState()).isEqualTo(new HardState(3, 0));
        assertThat(r.messagesAfterPersist()).containsExactly(new AppendResponse(1, 2, 3, true, 6, 0, 0));
        assertLogTerms(f, 1, 1, 2, 3, 3, 3);
        assertThat(f.commitIndex()).isEqualTo(2);
        assertThat(f.persistedIndex()).isEqualTo(6);
    }

    @Test
    void followerKeepsExtraEntriesWhenEveryEntryOfTheRequestMatches() {
        RaftCore f = core(1, 3, stored(1, 0, 1, 1, 1, 1, 1));

        f.step(new AppendRequest(2, 1, 1, 1, 1, 0, log(1, 1, 1).subList(1, 3)));
        Ready r = f.ready();

        assertThat(r.truncatedFrom()).isZero();
        assertThat(r.entries()).isEmpty();
        assertThat(r.messagesAfterPersist()).containsExactly(new AppendResponse(1, 2, 1, true, 3, 0, 0));
        assertLogTerms(f, 1, 1, 1, 1, 1);
    }

    @Test
    void anOlderRequestArrivingAfterANewerOneNeverTruncates() {
        RaftCore f = core(1, 3, stored(2, 0, 1));
        List<LogEntry> leader = log(1, 2, 2, 2);
        AppendRequest newer = new AppendRequest(2, 1, 2, 1, 1, 1, leader.subList(1, 4));
        AppendRequest older = new AppendRequest(2, 1, 2, 1, 1, 1, leader.subList(1, 2));

        f.step(newer);
        Fixtures.readyAndPersist(f);
        f.step(older);
        Ready r = f.ready();

        assertThat(r.truncatedFrom()).isZero();
        assertThat(r.entries()).isEmpty();
        assertThat(r.messagesAfterPersist()).containsExactly(new AppendResponse(1, 2, 2, true, 2, 0, 0));
        assertLogTerms(f, 1, 2, 2, 2);
        assertThat(f.persistedIndex()).isEqualTo(4);
    }

    @Test
    void aDuplicateRequestIsIdempotent() {
        RaftCore f = core(1, 3, stored(2, 0, 1));
        AppendRequest req = new AppendRequest(2, 1, 2, 1, 1, 3, log(1, 2, 2).subList(1, 3));

        f.step(req);
        Ready first = Fixtures.readyAndPersist(f);
        Ready afterWrite = f.ready();
        f.step(req);
        Ready second = f.ready();

        assertThat(first.entries()).hasSize(2);
        assertThat(second.entries()).isEmpty();
        assertThat(second.truncatedFrom()).isZero();
        // Committed entries were handed over once, as they became durable, and not again.
        assertThat(first.committed()).extracting(LogEntry::index).containsExactly(1L);
        assertThat(afterWrite.committed()).extracting(LogEntry::index).containsExactly(2L, 3L);
        assertThat(second.committed()).isEmpty();
        assertThat(second.messagesAfterPersist()).isEqualTo(first.messagesAfterPersist());
        assertLogTerms(f, 1, 2, 2);
        assertThat(f.commitIndex()).isEqualTo(3);
    }

    @Test
    void requestWhosePreviousEntryDoesNotMatchIsRejectedWithoutTouchingTheLog() {
        RaftCore f = core(1, 3, stored(3, 0, 1, 2, 2));

        f.step(new AppendRequest(2, 1, 3, 3, 3, 0, log(1, 3, 3, 3).subList(3, 4)));
        Ready r = f.ready();

        assertThat(r.entries()).isEmpty();
        assertThat(r.truncatedFrom()).isZero();
        // The hint: the conflicting entry's term, and the first index this follower holds with it.
        assertThat(r.messagesAfterPersist()).containsExactly(new AppendResponse(1, 2, 3, false, 3, 2, 2));
        assertLogTerms(f, 1, 2, 2);
    }

    @Test
    void divergentFollowerInAClusterEndsWithTheLeadersLog() {
        // Member 3 led term 2 (with member 2's vote) but replicated entries 3..5 nowhere.
        CoreCluster c = CoreCluster.builder(3)
                .stored(1, stored(1, 0, 1, 1))
                .stored(2, stored(2, 3, 1, 1))
                .stored(3, stored(2, 3, 1, 1, 2, 2, 2))
                .build();

        c.electLeader(1);
        List<Ready> readies = c.node(3).takeReadies();
        c.propose(1, "a");
        c.propose(1, "b");
        c.runFor(3 * c.heartbeatInterval());

        assertThat(readies.stream().mapToLong(Ready::truncatedFrom).filter(i -> i > 0)).containsExactly(3L);
        for (SimNode n : c.nodes()) {
            assertThat(n.storage().log()).as("member %d", n.id()).isEqualTo(c.node(1).storage().log());
            assertThat(c.appliedCommands(n.id())).containsExactly("e1", "e2", "a", "b");
        }
    }
}
