package io.graft.metrics.micrometer;

import static io.graft.metrics.micrometer.GraftMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import org.junit.jupiter.api.Test;

/** Counters that read the transport's own traffic figures. */
class TransportMetersTest {

    @Test
    void trafficIsCountedAndDropsByReason() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            for (int i = 0; i < 10; i++) {
                leader.submit("c" + i).join();
            }
            for (int member = 1; member <= 3; member++) {
                int m = member;
                await().atMost(MeteredCluster.WAIT).untilAsserted(() -> {
                    assertThat(cluster.find(m, TRANSPORT_MESSAGES_SENT).functionCounter().count()).isPositive();
                    assertThat(cluster.find(m, TRANSPORT_MESSAGES_RECEIVED).functionCounter().count()).isPositive();
                    assertThat(cluster.find(m, TRANSPORT_BYTES_SENT).functionCounter().count()).isPositive();
                });
                // The in-memory transport counts no bytes received; the counter is there all the same.
                assertThat(cluster.find(m, TRANSPORT_BYTES_RECEIVED).functionCounter()).isNotNull();
            }

            long sentSoFar = cluster.network.stats(leader.id()).messagesSent();
            assertThat(cluster.find(leader.id(), TRANSPORT_MESSAGES_SENT).functionCounter().count())
                    .as("the transport's own count, read later").isGreaterThanOrEqualTo(sentSoFar);

            int isolated = cluster.othersThan(leader.id()).get(0);
            cluster.network.isolate(isolated);

            // The leader's heartbeats to the isolated member are lost.
            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.find(leader.id(), TRANSPORT_MESSAGES_DROPPED).tag(TAG_REASON, "dropped").functionCounter())
                    .isNotNull()
                    .satisfies(c -> assertThat(c.count()).isPositive()));
        }
    }
}
