package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Pre-vote and check-quorum on a real cluster: the two guards against partitions that the core enables by default. */
class PreVoteAndCheckQuorumTest {

    @Test
    void isolatedFollowerRejoiningChangesNeitherTheLeaderNorTheTerm() {
        // Wide timeouts: the test watches for elections, so a loaded machine must not cause one.
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("before").join();
            long term = leader.status().term();
            int follower = cluster.othersThan(leader.id()).iterator().next();

            cluster.isolate(follower);
            // Many election timeouts pass: it keeps asking for pre-votes but never raises its term.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> cluster.node(follower).status().term() == term);
            leader.submit("while away").join();
            cluster.reconnect(follower);

            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(follower)).containsExactly("before", "while away");
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() ->
                    leader.status().isLeader() && cluster.runningNodes().stream()
                            .allMatch(n -> n.status().term() == term && n.status().leaderId() == leader.id()));
        }
    }

    @Test
    void cutOffLeaderStepsDownAndItsPendingWritesFailWithOutcomeUnknown() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("committed").join();

            cluster.isolate(leader.id());
            List<CompletableFuture<Integer>> stranded = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                stranded.add(leader.submit("stranded-" + i));
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> !leader.status().isLeader());
            for (CompletableFuture<Integer> f : stranded) {
                assertThat(f).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                        .havingCause().isInstanceOf(OutcomeUnknownException.class);
            }
            RaftNode<String, Integer> fresh = cluster.awaitLeaderAmong(cluster.othersThan(leader.id()));
            fresh.submit("new leader").join();
            cluster.heal();
            cluster.awaitConvergence();
            // The stranded writes were never committed: the new leader's log replaced them.
            assertThat(cluster.appliedCommands(leader.id())).containsExactly("committed", "new leader");
        }
    }
}
