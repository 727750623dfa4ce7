package io.graft.metrics.micrometer;

import static io.graft.metrics.micrometer.GraftMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.event.ElectionStarted;
import io.graft.api.event.LeaderChanged;
import io.graft.api.event.RoleChanged;
import io.graft.api.event.SnapshotInstalled;
import io.graft.api.event.SnapshotTaken;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Elections, leader changes and snapshots, counted from the member's events. */
class EventMetersTest {

    @Test
    void electionsAndLeaderChangesMatchTheEventsOfEveryMember() {
        // Registered as a listener too: each event still counts once.
        try (MeteredCluster cluster = new MeteredCluster(3, new SimpleMeterRegistry(), b -> b, true)) {
            RaftNode<String, Long> first = cluster.awaitLeader();
            int target = cluster.othersThan(first.id()).get(0);
            await().atMost(MeteredCluster.WAIT).untilAsserted(() ->
                    assertThat(cluster.counter(first.id(), ELECTIONS_WON)).isGreaterThanOrEqualTo(1));
            assertThat(cluster.counter(first.id(), ELECTIONS_STARTED, TAG_PRE_VOTE, "true"))
                    .as("the first leader asked for pre-votes first").isGreaterThanOrEqualTo(1);
            double wonBefore = cluster.counter(target, ELECTIONS_WON);

            first.transferLeadership(target).join();

            await().atMost(MeteredCluster.WAIT).untilAsserted(() ->
                    assertThat(cluster.counter(target, ELECTIONS_WON)).isEqualTo(wonBefore + 1));
            for (int member = 1; member <= 3; member++) {
                int m = member;
                EventLog log = cluster.events(m);
                await().atMost(MeteredCluster.WAIT).untilAsserted(() -> {
                    assertThat(cluster.gauge(m, LEADER)).isEqualTo(target);
                    assertThat(cluster.counter(m, LEADER_CHANGES)).isGreaterThanOrEqualTo(2)
                            .isEqualTo(log.count(LeaderChanged.class, e -> e.leaderId().isPresent()));
                });
                assertThat(cluster.counter(m, ELECTIONS_WON))
                        .isEqualTo(log.count(RoleChanged.class, e -> e.to() == Role.LEADER));
                assertThat(cluster.counter(m, ELECTIONS_STARTED, TAG_PRE_VOTE, "true"))
                        .isEqualTo(log.count(ElectionStarted.class, ElectionStarted::preVote));
                assertThat(cluster.counter(m, ELECTIONS_STARTED, TAG_PRE_VOTE, "false"))
                        .isEqualTo(log.count(ElectionStarted.class, e -> !e.preVote()));
            }
        }
    }

    @Test
    void aSnapshotTakenIsTimedAndSized() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            for (int i = 0; i < 10; i++) {
                leader.submit("c" + i).join();
            }

            leader.takeSnapshot().join();

            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.find(leader.id(), SNAPSHOT_DURATION).tag(TAG_KIND, "taken").timer().count()).isEqualTo(1));
            Timer duration = cluster.find(leader.id(), SNAPSHOT_DURATION).tag(TAG_KIND, "taken").timer();
            DistributionSummary size = cluster.find(leader.id(), SNAPSHOT_SIZE).tag(TAG_KIND, "taken").summary();
            SnapshotTaken taken = cluster.events(leader.id()).all(SnapshotTaken.class).get(0);
            assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(taken.took().toNanos());
            assertThat(size.count()).isEqualTo(1);
            assertThat(size.totalAmount()).isEqualTo(taken.bytes()).isPositive();
            assertThat(cluster.find(leader.id(), SNAPSHOT_SIZE).tag(TAG_KIND, "installed").summary().count()).isZero();
        }
    }

    @Test
    void aSnapshotInstalledFromTheLeaderIsSized() {
        // No log kept below a snapshot: a follower that missed entries can only catch up from the snapshot.
        try (MeteredCluster cluster = new MeteredCluster(3, new SimpleMeterRegistry(), b -> b.snapshotLogRetention(0),
                false)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            int behind = cluster.othersThan(leader.id()).get(0);
            cluster.network.isolate(behind);
            for (int i = 0; i < 10; i++) {
                leader.submit("c" + i).join();
            }
            leader.takeSnapshot().join();

            cluster.network.reconnect(behind);

            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.find(behind, SNAPSHOT_SIZE).tag(TAG_KIND, "installed").summary().count()).isEqualTo(1));
            SnapshotInstalled installed = cluster.events(behind).all(SnapshotInstalled.class).get(0);
            assertThat(cluster.find(behind, SNAPSHOT_SIZE).tag(TAG_KIND, "installed").summary().totalAmount())
                    .isEqualTo(installed.bytes()).isPositive();
            assertThat(cluster.find(behind, SNAPSHOT_DURATION).tag(TAG_KIND, "taken").timer().count()).isZero();
        }
    }
}
