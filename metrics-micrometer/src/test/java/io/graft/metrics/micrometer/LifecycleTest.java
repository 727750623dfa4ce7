package io.graft.metrics.micrometer;

import static io.graft.metrics.micrometer.GraftMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

/** Meters come with a member's start and go with its stop. */
class LifecycleTest {

    @Test
    void aStoppedMembersMetersAreRemovedAndARestartRegistersThemAgain() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            leader.submit("x").join();
            int stopping = cluster.othersThan(leader.id()).get(0);
            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.find(leader.id(), REPLICATION_LAG).gauges()).hasSize(2));
            int registered = cluster.metersOf(stopping).size();
            assertThat(registered).isGreaterThan(20);

            cluster.node(stopping).close();

            assertThat(cluster.metersOf(stopping)).as("meters of the stopped member").isEmpty();
            assertThat(cluster.metersOf(leader.id())).as("the leader keeps its meters").isNotEmpty();

            cluster.start(stopping);

            assertThat(cluster.metersOf(stopping)).extracting(m -> m.getId().getName())
                    .contains(TERM, COMMIT_LATENCY, TRANSPORT_MESSAGES_SENT, ELECTIONS_WON);
            await().atMost(MeteredCluster.WAIT).untilAsserted(() ->
                    assertThat(cluster.gauge(stopping, APPLIED_INDEX)).isEqualTo(leader.status().commitIndex()));
        }
    }

    @Test
    void oneInstanceRecordsOneRunningMember() {
        try (MeteredCluster cluster = new MeteredCluster(1)) {
            RaftNode<String, Long> node = cluster.awaitLeader();

            assertThatThrownBy(() -> cluster.meters(1).started(node, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already record member 1").hasMessageContaining("one GraftMeters per member");
            assertThat(cluster.metersOf(1)).as("the running member's meters stay").isNotEmpty();
        }
    }

    @Test
    void closingEveryMemberLeavesNoGraftMeterBehind() {
        MeteredCluster cluster = new MeteredCluster(3);
        try (cluster) {
            cluster.awaitLeader().submit("x").join();
            // Long enough for the report-based gauges of the leader to exist.
            await().atMost(MeteredCluster.WAIT)
                    .until(() -> cluster.registry.find(REPLICATION_LAG).gauges().size() == 2);
        }
        assertThat(cluster.registry.getMeters()).extracting(Meter::getId).isEmpty();
    }
}
