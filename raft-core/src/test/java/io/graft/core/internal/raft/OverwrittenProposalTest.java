package io.graft.core.internal.raft;

import static io.graft.core.internal.raft.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.LogEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An entry that a newer leader overwrote on the member that proposed it may still commit: another member that
 * holds it can win a later election and replicate it. So "overwritten here" does not mean "never applied".
 *
 * <p>This is why the runtime must not fail a pending command with {@code NotCommittedException} ("it was
 * never applied, safe to retry") when the truncation comes in the same {@link Ready} as the loss of leadership:
 * the outcome is unknown. (An applied entry of another term at the command's index, by contrast, proves it
 * was not applied: a command has one index.)
 */
class OverwrittenProposalTest {

    @Test
    void aProposalOverwrittenOnItsLeaderCanStillCommitElsewhere() {
        CoreCluster c = CoreCluster.builder(5).preVote(false).checkQuorum(false)
                .stored(1, stored(1, 0, 1)).stored(2, stored(1, 0, 1)).stored(3, stored(1, 0, 1))
                .stored(4, stored(1, 0, 1)).stored(5, stored(1, 0, 1)).build();
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());

        // S1 (term 2) proposes e at index 3; only S2 gets it.
        long e = c.propose(1, "e");
        assertThat(e).isEqualTo(3);
        c.deliverMatching(m -> m.to() == 2 || m.from() == 2);
        c.network().drop(m -> true);
        assertThat(c.core(1).commitIndex()).isEqualTo(2);

        // S3 wins term 3 with S4 and S5; its no-op 3@3 reaches nobody but S1.
        c.partition(new int[] {1, 2}, new int[] {3, 4, 5});
        c.timeout(3);
        c.deliverMatching(m -> m instanceof VoteRequest || m instanceof VoteResponse);
        assertThat(c.core(3).role()).isEqualTo(Role.LEADER);
        c.heal();
        c.network().drop(m -> !(m instanceof AppendRequest && m.from() == 3 && m.to() == 1));
        c.node(1).takeReadies();
        c.deliverMatching(m -> m instanceof AppendRequest && m.from() == 3 && m.to() == 1);

        // S1 stepped down and overwrote e in one Ready: where the runtime used to answer "not committed".
        Ready stepDown = c.node(1).takeReadies().get(0);
        assertThat(stepDown.role()).isEqualTo(Role.FOLLOWER);
        assertThat(stepDown.truncatedFrom()).isEqualTo(e);

        // S3 crashes; S2, which still holds e, wins term 4 with S4 and S5 and commits it.
        c.crash(3);
        c.network().drop(m -> true);
        c.electLeader(2);
        c.runFor(5 * c.heartbeatInterval());

        LogEntry committed = c.checker().committed().get((int) e - 1);
        assertThat(new String(committed.payload(), StandardCharsets.UTF_8)).isEqualTo("e");
        assertThat(committed.term()).isEqualTo(2);
        assertThat(c.appliedCommands(1)).containsExactly("e1", "e"); // applied by the member that had dropped it
    }
}
