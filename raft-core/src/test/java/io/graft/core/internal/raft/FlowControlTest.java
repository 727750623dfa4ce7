package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader's per-follower flow control: pipelining, stale answers, and recovery from lost requests. */
class FlowControlTest {

    private static List<AppendRequest> requestsWithEntriesTo(CoreCluster c, int to) {
        return c.network().history().stream()
                .filter(m -> m instanceof AppendRequest a && a.to() == to && !a.entries().isEmpty())
                .map(m -> (AppendRequest) m).toList();
    }

    /** A settled three-member cluster led by member 1, every follower streaming (REPLICATE). */
    private static CoreCluster settled(CoreCluster.Builder b) {
        CoreCluster c = b.build();
        c.electLeader(1);
        c.runFor(3 * c.heartbeatInterval());
        c.network().clearHistory();
        return c;
    }

    @Test
    void staleRejectionOfAnAcknowledgedIndexIsIgnored() {
        CoreCluster c = settled(CoreCluster.builder(3));
        for (int i = 0; i < 5; i++) {
            c.propose(1, "c" + i);
        }
        c.runFor(2 * c.heartbeatInterval());
        long match = c.core(2).lastIndex();
        long term = c.core(1).term();
        c.network().clearHistory();

        // A rejection of a request from long ago (say, duplicated by the network) arrives late.
        c.step(new AppendResponse(2, 1, term, false, match - 3, 1, 1));
        assertThat(c.network().inFlight()).isEmpty(); // no probe, no resend

        long next = c.propose(1, "after");
        List<AppendRequest> sent = requestsWithEntriesTo(c, 2);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).prevLogIndex()).isEqualTo(match); // it did not walk back
        assertThat(sent.get(0).entries().get(0).index()).isEqualTo(next);
    }

    @Test
    void staleAcknowledgementDoesNotMoveMatchBack() {
        CoreCluster c = settled(CoreCluster.builder(3));
        c.propose(1, "a");
        c.propose(1, "b");
        c.runFor(2 * c.heartbeatInterval());
        long term = c.core(1).term();

        c.network().clearHistory();
        c.step(new AppendResponse(2, 1, term, true, 1, 0, 0));
        c.network().drop(m -> m.to() == 3); // only member 2 can confirm the next entry
        long x = c.propose(1, "x");
        c.deliverMatching(m -> m.to() == 2 || m.from() == 2);

        // Had match(2) gone back to 1, the request would start earlier; and with match(2) = x, x commits.
        assertThat(requestsWithEntriesTo(c, 2)).allMatch(a -> a.prevLogIndex() == x - 1);
        assertThat(c.core(1).commitIndex()).isEqualTo(x);
    }

    @Test
    void pipelineHoldsAtMostMaxInflightRequestsAndResumesOnAcknowledgement() {
        CoreCluster c = settled(CoreCluster.builder(3).maxInflight(4).maxEntriesPerMessage(1));

        for (int i = 0; i < 10; i++) {
            c.propose(1, "c" + i);
        }
        assertThat(requestsWithEntriesTo(c, 2)).hasSize(4);
        assertThat(requestsWithEntriesTo(c, 3)).hasSize(4);

        // One request reaches member 2 and its acknowledgement comes back: exactly one more leaves.
        Message first = c.network().inFlight().stream().filter(m -> m.to() == 2).findFirst().orElseThrow();
        c.network().take(m -> m == first);
        c.deliver(first);
        c.deliverMatching(m -> m.from() == 2 && m instanceof AppendResponse);
        assertThat(requestsWithEntriesTo(c, 2)).hasSize(5);
        assertThat(requestsWithEntriesTo(c, 3)).hasSize(4);

        c.deliverAll();
        assertThat(requestsWithEntriesTo(c, 2)).hasSize(10);
        assertThat(c.core(2).lastIndex()).isEqualTo(11);
        assertThat(c.core(3).lastIndex()).isEqualTo(11);
    }

    @Test
    void lostRequestsAreResentAfterAHeartbeatWhileHeartbeatsStillGetThrough() {
        CoreCluster c = settled(CoreCluster.builder(3));

        c.propose(1, "a", "b", "c");
        assertThat(c.network().drop(m -> m.to() == 3 && m instanceof AppendRequest)).isEqualTo(1);
        c.runFor(c.electionTimeout());

        assertThat(c.appliedCommands(3)).containsExactly("a", "b", "c");
        assertThat(c.core(3).commitIndex()).isEqualTo(c.core(1).commitIndex());
    }

    @Test
    void lostRequestsAreResentOnceAnUnreachableFollowerIsBack() {
        CoreCluster c = settled(CoreCluster.builder(3));

        c.isolate(3);
        c.propose(1, "a");
        c.runFor(c.heartbeatInterval() / 2);
        c.propose(1, "b");
        c.runFor(3 * c.heartbeatInterval());
        c.heal();
        c.runFor(3 * c.heartbeatInterval());

        assertThat(c.appliedCommands(3)).containsExactly("a", "b");
    }

    @Test
    void lostAcknowledgementsAreRecoveredToo() {
        CoreCluster c = settled(CoreCluster.builder(3));

        c.propose(1, "a");
        c.deliverMatching(m -> m instanceof AppendRequest);
        c.network().drop(m -> m instanceof AppendResponse); // both followers have it, the leader never hears
        c.runFor(3 * c.heartbeatInterval());

        for (SimNode n : c.nodes()) {
            assertThat(c.appliedCommands(n.id())).as("member %d", n.id()).containsExactly("a");
        }
    }
}
