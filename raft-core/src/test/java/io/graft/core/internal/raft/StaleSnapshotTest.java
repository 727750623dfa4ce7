package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.storage.StoredState;
import org.junit.jupiter.api.Test;

/**
 * A member with a newer term answers a stale leader's snapshot with that term, as it answers stale
 * AppendEntries. Found by the simulator (seed 581): a follower far behind had raised its term in an election
 * it could not win; the leader, whose log no longer held the follower's match index, only sent it snapshots
 * (no heartbeats), which the follower dropped without a word. The leader never learned of the newer term, the
 * follower never accepted the older leader, and it stayed behind for good.
 */
class StaleSnapshotTest {

    @Test
    void aStaleSnapshotIsAnsweredWithTheNewerTerm() {
        RaftCore follower = Fixtures.core(3, 3, Fixtures.stored(4, 3, 1, 1, 1));
        follower.step(new InstallSnapshot(2, 3, 3, 302, 3, 57, 0, new byte[57], true));

        Ready r = follower.ready();
        assertThat(r.messages()).containsExactly(new InstallSnapshotResponse(3, 2, 4, 302, 0, false));
        assertThat(r.snapshotChunks()).isEmpty();
        assertThat(follower.term()).isEqualTo(4);
    }

    @Test
    void theStaleLeaderStepsDownOnTheAnswer() {
        RaftCore leader = VoteRulesTest.leaderOfThree();
        leader.step(new InstallSnapshotResponse(3, 1, 4, 302, 0, false));

        assertThat(leader.role()).isEqualTo(Role.FOLLOWER);
        assertThat(leader.term()).isEqualTo(4);
        assertThat(leader.ready().hardState().term()).isEqualTo(4);
    }

    @Test
    void aSnapshotOfTheCurrentTermIsStillStored() {
        RaftCore follower = Fixtures.core(3, 3, StoredState.EMPTY);
        InstallSnapshot chunk = new InstallSnapshot(2, 3, 1, 10, 1, 57, 0, new byte[57], true);
        follower.step(chunk);
        assertThat(follower.ready().snapshotChunks()).containsExactly(chunk);
    }
}
