package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashRestartTest {

    @Test
    void crashedFollowerRestartsFromItsLogAndCatchesUp() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            for (int i = 0; i < 50; i++) {
                leader.submit("a" + i).join();
            }
            int follower = cluster.othersThan(leader.id()).iterator().next();
            cluster.awaitAppliedCount(50);
            long termBefore = cluster.node(follower).status().term();
            cluster.crash(follower);
            for (int i = 0; i < 50; i++) {
                leader.submit("b" + i).join();
            }
            RaftNode<String, Integer> restarted = cluster.restart(follower);
            // What it persisted survives: its log and term come back before it hears from anyone.
            assertThat(restarted.status().lastLogIndex()).isGreaterThanOrEqualTo(51);
            assertThat(restarted.status().term()).isGreaterThanOrEqualTo(termBefore);
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(follower)).hasSize(100).startsWith("a0").endsWith("b49");
        }
    }

    @Test
    void crashedLeaderIsReplacedAndRejoinsWithoutLosingAcknowledgedWrites() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            List<String> acknowledged = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                RaftNode<String, Integer> leader = cluster.awaitLeader();
                for (int i = 0; i < 20; i++) {
                    String cmd = "r" + round + "-" + i;
                    leader.submit(cmd).join();
                    acknowledged.add(cmd);
                }
                cluster.crash(leader.id());
                cluster.awaitLeaderAmong(cluster.othersThan(leader.id()));
                cluster.restart(leader.id());
            }
            cluster.awaitLeader().submit("last").join();
            acknowledged.add("last");
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                assertThat(cluster.appliedCommands(id)).containsExactlyElementsOf(acknowledged);
            }
        }
    }

    @Test
    void wholeClusterRestartRecoversEverything() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            for (int i = 0; i < 30; i++) {
                leader.submit("w" + i).join();
            }
            for (int id : cluster.memberIds()) {
                cluster.crash(id);
            }
            for (int id : cluster.memberIds()) {
                cluster.restart(id);
            }
            cluster.awaitLeader().submit("after").join();
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(1)).hasSize(31).startsWith("w0").endsWith("after");
        }
    }
}
