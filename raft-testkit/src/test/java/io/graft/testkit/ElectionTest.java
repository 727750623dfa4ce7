package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionTest {

    @Test
    void electsOneLeaderAndKeepsItWithoutFaults() {
        // Wider timeouts than the kit's default: this test is about churn, and must not fail on a loaded machine.
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(400))
                .heartbeatInterval(Duration.ofMillis(40)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            long term = leader.status().term();
            // Observing stability for a while is the scenario itself: many election timeouts pass.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() ->
                    leader.status().isLeader() && leader.status().term() == term
                            && cluster.runningNodes().stream().allMatch(n -> n.status().term() == term
                            && n.status().leaderId() == leader.id()));
            leader.submit("x").join();
            cluster.awaitConvergence();
        }
    }

    @Test
    void reElectsWhenLeaderIsIsolatedAndOldLeaderStepsDownOnReturn() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> old = cluster.awaitLeader();
            old.submit("before").join();
            cluster.isolate(old.id());
            RaftNode<String, Integer> fresh = cluster.awaitLeaderAmong(cluster.othersThan(old.id()));
            assertThat(fresh.id()).isNotEqualTo(old.id());
            assertThat(fresh.status().term()).isGreaterThan(0);
            fresh.submit("after").join();
            cluster.reconnect(old.id());
            await().atMost(Duration.ofSeconds(10)).until(() -> !old.status().isLeader()
                    && old.status().leaderId() == cluster.awaitLeader().id());
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(old.id())).containsExactly("before", "after");
        }
    }

    @Test
    void noLeaderWithoutAQuorum() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            cluster.awaitLeader();
            for (int id : cluster.memberIds()) {
                cluster.isolate(id);
            }
            // Check-quorum makes the old leader step down; nobody can win an election afterwards.
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.leader().isEmpty());
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> cluster.leader().isEmpty());
            cluster.heal();
            cluster.awaitLeader().submit("healed").join();
            cluster.awaitConvergence();
        }
    }

    @Test
    void fiveNodesElectDespiteTwoCrashed() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(5).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int a = leader.id();
            int b = cluster.othersThan(a).iterator().next();
            cluster.crash(a);
            cluster.crash(b);
            RaftNode<String, Integer> next = cluster.awaitLeaderAmong(cluster.othersThan(a, b));
            next.submit("three of five").join();
            cluster.awaitConvergence();
            NodeStatus s = next.status();
            assertThat(s.commitIndex()).isGreaterThanOrEqualTo(s.lastLogIndex());
            assertThat(Set.copyOf(cluster.memberIds())).hasSize(5);
        }
    }
}
