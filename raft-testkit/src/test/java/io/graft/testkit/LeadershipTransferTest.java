package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.api.LeadershipTransferException;
import io.graft.api.NotLeaderException;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class LeadershipTransferTest {

    @Test
    void leadershipGoesToEachMemberInTurnUnderWriteLoadAndNoAcknowledgedWriteIsLost() {
        // Wider timeouts than the kit's default: a spontaneous election on a loaded machine would beat a transfer.
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            cluster.awaitLeader();
            List<String> acknowledged;
            try (WriteLoad load = new WriteLoad(cluster, 4)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() >= 50);
                for (int round = 0; round < 2; round++) {
                    for (int target : cluster.memberIds()) {
                        if (cluster.awaitLeader().id() == target) {
                            continue;
                        }
                        int before = load.acknowledgedCount();

                        long term = transfer(cluster, target);

                        RaftNode<String, Integer> next = cluster.awaitLeader();
                        assertThat(next.id()).isEqualTo(target);
                        assertThat(next.status().term()).isGreaterThan(term);
                        // The new leader takes writes.
                        await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() > before + 20);
                    }
                }
                acknowledged = load.stop();
            }
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                assertThat(cluster.appliedCommands(id)).as("member %d", id).containsAll(acknowledged)
                        .doesNotHaveDuplicates();
            }
        }
    }

    /**
     * Hands leadership to {@code target}, trying again if an ordinary election got in the way (which the
     * transfer reports as a failure); returns the term the successful transfer started in.
     */
    private static long transfer(TestCluster<String, Integer> cluster, int target) {
        for (int attempt = 1; ; attempt++) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            long term = leader.status().term();
            try {
                leader.transferLeadership(target).join();
                return term;
            } catch (CompletionException e) {
                boolean interrupted = e.getCause() instanceof LeadershipTransferException
                        && e.getCause().getMessage().contains("instead");
                if (!interrupted || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Test
    void gracefulCloseOfTheLeaderHandsLeadershipOverBeforeReturning() {
        // Long election timeouts: without a hand-over nobody could lead right after close() returns.
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(1000))
                .heartbeatInterval(Duration.ofMillis(20)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("before").join();
            long term = leader.status().term();

            cluster.stop(leader.id());

            RaftNode<String, Integer> next = cluster.leader().orElseThrow(() -> new AssertionError(
                    "no leader right after close(): " + cluster.describe()));
            assertThat(next.id()).isNotEqualTo(leader.id());
            assertThat(next.status().term()).isEqualTo(term + 1);
            next.submit("after").join();
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(next.id())).containsExactly("before", "after");
        }
    }

    @Test
    void transferFailsClearlyForNonVotersFollowersAndUnreachableTargets() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            int other = cluster.othersThan(leader.id(), follower).iterator().next();

            assertThatThrownBy(() -> leader.transferLeadership(42).join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(LeadershipTransferException.class).hasMessageContaining("not a voter");
            assertThatThrownBy(() -> cluster.node(follower).transferLeadership(other).join())
                    .cause().isInstanceOf(NotLeaderException.class);
            leader.transferLeadership(leader.id()).join(); // Already there: nothing to do.

            cluster.isolate(other);
            assertThatThrownBy(() -> leader.transferLeadership(other).join())
                    .cause().isInstanceOf(LeadershipTransferException.class).hasMessageContaining("member " + other);
            // The leader carries on: commands are accepted again.
            assertThat(leader.status().isLeader()).isTrue();
            leader.submit("still leading").join();
            cluster.heal();
            cluster.awaitConvergence();
        }
    }
}
