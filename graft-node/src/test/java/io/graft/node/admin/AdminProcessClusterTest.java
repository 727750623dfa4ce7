package io.graft.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.node.json.TestJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoints of a three-process cluster, through the crash of its leader. */
class AdminProcessClusterTest {
    private static final Duration FAILOVER = Duration.ofSeconds(15);

    @Test
    void healthAndStatusThroughALeaderKill(@TempDir Path dir) throws InterruptedException {
        try (AdminCluster cluster = AdminCluster.start(dir, 3)) {
            int leader = cluster.agreedLeader(Duration.ofSeconds(30));
            await().atMost(FAILOVER).untilAsserted(() -> {
                for (int id = 1; id <= 3; id++) {
                    assertThat(AdminCluster.statusOf(cluster.admin(id), "/health/live")).isEqualTo(200);
                    assertThat(AdminCluster.statusOf(cluster.admin(id), "/health/ready")).as("ready %d", id)
                            .isEqualTo(200);
                }
            });
            for (int id = 1; id <= 3; id++) {
                Map<String, Object> status = TestJson.object(Http.get(cluster.admin(id), "/status").body());
                assertThat(status).as(cluster.outputs()).containsEntry("memberId", (long) id)
                        .containsEntry("clusterId", "dashboard-test").containsEntry("running", true);
                assertThat(TestJson.asArray(TestJson.asObject(status.get("membership")).get("voters"))).hasSize(3);
            }
            assertThat(Http.get(cluster.admin(leader), "/metrics").body()).contains("jvm_memory_used_bytes{");

            cluster.kill(leader);

            int next = cluster.agreedLeader(FAILOVER, leader);
            assertThat(next).isNotEqualTo(leader);
            List<Integer> survivors = java.util.stream.IntStream.rangeClosed(1, 3).filter(id -> id != leader).boxed()
                    .toList();
            await().atMost(FAILOVER).untilAsserted(() -> {
                for (int id : survivors) {
                    assertThat(AdminCluster.statusOf(cluster.admin(id), "/health/live")).isEqualTo(200);
                    assertThat(AdminCluster.statusOf(cluster.admin(id), "/health/ready")).isEqualTo(200);
                }
            });
            assertThat(TestJson.object(Http.get(cluster.admin(next), "/status").body()))
                    .containsEntry("role", "LEADER").containsEntry("leaderId", (long) next);
            assertThat(AdminCluster.statusOf(cluster.admin(leader), "/health/live")).as("nothing answers for the"
                    + " killed member").isEqualTo(-1);
        }
    }
}
