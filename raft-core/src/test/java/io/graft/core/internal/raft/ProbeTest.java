package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.StoredState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A probe that finds the follower already up to date ends probing. Found by the simulator (seed 1966): a
 * follower that just installed a snapshot was probed at the leader's last index; the leader answered every
 * acknowledgement with a new probe, so the pair ping-ponged for as long as nothing new was appended, every
 * heartbeat started one more such chain, and with the network duplicating messages their number grew
 * exponentially until the simulation ran out of memory.
 */
class ProbeTest {

    @Test
    void anAcknowledgementAtTheMatchIndexEndsProbingInsteadOfProbingAgain() {
        RaftCore leader = leaderWithFollowerThreeJustRestoredFromSnapshot();
        List<AppendRequest> probe = appendsTo(3, leader.ready().messages());
        assertThat(probe).hasSize(1);
        assertThat(probe.get(0).prevLogIndex()).isEqualTo(1);
        assertThat(probe.get(0).entries()).isEmpty();

        for (int i = 0; i < 5; i++) { // the answer, and duplicates of it
            leader.step(new AppendResponse(3, 1, 1, true, 1, 0, 0));
            assertThat(leader.hasReady() ? appendsTo(3, leader.ready().messages()) : List.of()).as("answer %d", i)
                    .isEmpty();
        }

        // Streaming now: a new command goes to member 3 at once.
        long index = leader.propose(List.of(new byte[] {7}));
        List<AppendRequest> sent = appendsTo(3, leader.ready().messages());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).prevLogIndex()).isEqualTo(1);
        assertThat(sent.get(0).entries().get(0).index()).isEqualTo(index);
    }

    @Test
    void eachHeartbeatSendsOneRequestAndItsAnswerNone() {
        RaftCore leader = leaderWithFollowerThreeJustRestoredFromSnapshot();
        leader.ready();
        int heartbeats = 0;
        for (int round = 0; round < 10; round++) {
            leader.tick(leader.nextDeadline());
            List<AppendRequest> sent = appendsTo(3, leader.ready().messages());
            assertThat(sent).hasSizeLessThanOrEqualTo(1);
            for (AppendRequest a : sent) {
                heartbeats++;
                leader.step(new AppendResponse(3, 1, 1, true, a.prevLogIndex() + a.entries().size(), 0, 0));
                leader.step(new AppendResponse(2, 1, 1, true, 1, 0, 0)); // keeps check-quorum content
                assertThat(leader.hasReady() ? appendsTo(3, leader.ready().messages()) : List.of()).isEmpty();
            }
        }
        assertThat(leader.role()).isEqualTo(Role.LEADER);
        assertThat(heartbeats).isGreaterThanOrEqualTo(5);
    }

    /**
     * Member 1 leads three in term 1 with its no-op at index 1, committed with member 2 and compacted into a
     * snapshot; member 3 lagged, got that snapshot and installed it, so the leader probes it at index 1.
     */
    private static RaftCore leaderWithFollowerThreeJustRestoredFromSnapshot() {
        RaftCore c = Fixtures.core(1, 3, StoredState.EMPTY, false, true);
        CoreTestHooks.keepEntriesAfterSnapshot(c, 0);
        c.tick(c.nextDeadline());
        c.ready();
        c.step(new VoteResponse(2, 1, 1, true, false));
        assertThat(c.role()).isEqualTo(Role.LEADER);
        c.ready();
        c.persisted(1, 1);
        c.step(new AppendResponse(2, 1, 1, true, 1, 0, 0));
        assertThat(c.commitIndex()).isEqualTo(1);
        assertThat(c.ready().committed()).hasSize(1);
        c.snapshotTaken(1, 1);
        c.step(new AppendResponse(3, 1, 1, false, 0, 1, 0)); // member 3's log is empty
        assertThat(c.ready().snapshotTargets()).containsExactly(new SnapshotTarget(3, 1, 1));
        c.step(new InstallSnapshotResponse(3, 1, 1, 1, 0, true));
        return c;
    }

    private static List<AppendRequest> appendsTo(int member, List<Message> messages) {
        return Fixtures.ofType(messages, AppendRequest.class).stream().filter(a -> a.to() == member).toList();
    }
}
