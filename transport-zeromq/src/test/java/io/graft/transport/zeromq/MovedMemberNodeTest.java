package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.core.Graft;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.config.ClusterConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member restarts, with its log, on a new port; the leader is told its new address with {@code addMember},
 * which records it in the membership, and from then on the others reach it there: it applies what is written
 * next.
 */
class MovedMemberNodeTest {
    @TempDir
    Path dataDir;

    private final Map<Integer, Tally> tallies = new HashMap<>();
    private final Map<Integer, RaftNode<String, Integer>> nodes = new HashMap<>();

    @AfterEach
    void stop() {
        nodes.values().forEach(RaftNode::close);
    }

    @Test
    @Timeout(120)
    void aMemberRestartedOnANewPortIsReachedThereOnceTheLeaderKnowsTheAddress() throws Exception {
        int[] ports = {TestCluster.freePort(), TestCluster.freePort(), TestCluster.freePort()};
        ClusterConfig before = config(ports);
        for (int id = 1; id <= 3; id++) {
            start(id, before);
        }
        awaitLeader().submit("a").get(20, TimeUnit.SECONDS);
        awaitApplied(List.of("a"));

        int moved = nodes.keySet().stream().filter(id -> !nodes.get(id).status().isLeader()).findFirst()
                .orElseThrow();
        nodes.remove(moved).close();
        ports[moved - 1] = TestCluster.freePort();
        ClusterConfig after = config(ports);
        start(moved, after);
        Member newAddress = after.member(moved);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            awaitLeader().addMember(newAddress).get(5, TimeUnit.SECONDS);
            return true;
        });
        assertThat(awaitLeader().membership().voters().get(moved)).isEqualTo(newAddress);

        awaitLeader().submit("b").get(20, TimeUnit.SECONDS);
        awaitApplied(List.of("a", "b"));
    }

    private ClusterConfig config(int[] ports) {
        return ClusterConfigLoader.parse("""
                electionTimeout: 150
                transport: zeromq
                dataDir: %s
                configuration:
                  1: 127.0.0.1:%d
                  2: 127.0.0.1:%d
                  3: 127.0.0.1:%d
                """.formatted(dataDir, ports[0], ports[1], ports[2]), "cluster.yaml");
    }

    private void start(int id, ClusterConfig cluster) {
        Tally tally = new Tally();
        tallies.put(id, tally);
        nodes.put(id, Graft.node(cluster, id, tally, BuiltinCodecs.utf8()).resultCodec(Tally.RESULTS).start());
    }

    private RaftNode<String, Integer> awaitLeader() {
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.values().stream()
                .filter(n -> n.status().isLeader()).count() == 1);
        return nodes.values().stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
    }

    /** Waits until every member applied {@code expected}, in order. */
    private void awaitApplied(List<String> expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int id : nodes.keySet()) {
                assertThat(tallies.get(id).applied()).as("member %d", id).isEqualTo(expected);
            }
        });
    }
}
