package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import io.graft.transport.inmemory.NodeTrafficStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageCountTest {

    @Test
    void idleClusterSendsOnlyHeartbeats() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(1000))
                .heartbeatInterval(Duration.ofMillis(100)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("warm").join();
            cluster.awaitConvergence();
            long term = leader.status().term();
            long before = total(cluster);
            long leaderBefore = cluster.stats(leader.id()).messagesSent();
            long start = System.nanoTime();
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> true);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            long sent = total(cluster) - before;
            long leaderSent = cluster.stats(leader.id()).messagesSent() - leaderBefore;
            // One heartbeat per follower per interval, and one answer to each.
            long heartbeatRounds = elapsedMs / 100 + 1;
            assertThat(leaderSent).isLessThanOrEqualTo(2 * heartbeatRounds);
            assertThat(sent).isLessThanOrEqualTo(4 * heartbeatRounds);
            assertThat(leader.status().term()).isEqualTo(term);
        }
    }

    @Test
    void oneCommandCostsAboutOneAppendPerFollower() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(2000))
                .heartbeatInterval(Duration.ofMillis(500)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("warm").join();
            long before = cluster.stats(leader.id()).messagesSent();
            long start = System.nanoTime();
            int commands = 200;
            for (int i = 0; i < commands; i++) {
                leader.submit("c" + i).join();
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            long sent = cluster.stats(leader.id()).messagesSent() - before;
            long heartbeats = 2 * (elapsedMs / 500 + 1);
            // At most one AppendEntries per follower per command, plus heartbeats. Fewer is fine: a follower that
            // lags (a loaded machine) gets the next entries together in one message once it answers.
            assertThat(sent).isBetween((long) commands, 2L * commands + heartbeats);
            cluster.awaitConvergence();
        }
    }

    private static long total(TestCluster<?, ?> cluster) {
        NodeTrafficStats t = cluster.network().totalStats();
        return t.messagesSent();
    }
}
