package io.graft.metrics.micrometer;

import static io.graft.metrics.micrometer.GraftMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.micrometer.core.instrument.Gauge;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader's gauge per follower, following the membership. */
class ReplicationGaugesTest {

    @Test
    void theLeaderHasALagGaugePerFollowerThatReachesZeroAndGoesWhenTheFollowerLeaves() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            List<Integer> followers = cluster.othersThan(leader.id());
            for (int i = 0; i < 20; i++) {
                leader.submit("c" + i).join();
            }

            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> {
                for (int f : followers) {
                    Gauge lag = cluster.find(leader.id(), REPLICATION_LAG).tag(TAG_FOLLOWER, String.valueOf(f)).gauge();
                    assertThat(lag).as("the gauge of follower %d", f).isNotNull();
                    assertThat(lag.value()).isZero();
                }
            });
            assertThat(cluster.find(leader.id(), REPLICATION_LAG).gauges()).hasSize(followers.size());
            for (int f : followers) {
                assertThat(cluster.find(f, REPLICATION_LAG).gauges()).as("a follower has no followers").isEmpty();
            }

            int leaving = followers.get(0);
            leader.removeMember(leaving).join();

            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.find(leader.id(), REPLICATION_LAG).tag(TAG_FOLLOWER, String.valueOf(leaving)).gauge())
                    .isNull());
            assertThat(cluster.find(leader.id(), REPLICATION_LAG).tag(TAG_FOLLOWER, String.valueOf(followers.get(1)))
                    .gauge()).isNotNull();
        }
    }

    @Test
    void aFollowerThatFallsBehindShowsItsLag() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            int behind = cluster.othersThan(leader.id()).get(0);
            cluster.network.isolate(behind);
            for (int i = 0; i < 30; i++) {
                leader.submit("c" + i).join();
            }

            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.gauge(leader.id(), REPLICATION_LAG, TAG_FOLLOWER, String.valueOf(behind)))
                    .isGreaterThanOrEqualTo(30));

            cluster.network.reconnect(behind);
            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.gauge(leader.id(), REPLICATION_LAG, TAG_FOLLOWER, String.valueOf(behind))).isZero());
        }
    }
}
