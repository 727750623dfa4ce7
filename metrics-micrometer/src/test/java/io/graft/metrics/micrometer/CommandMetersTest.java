package io.graft.metrics.micrometer;

import static io.graft.metrics.micrometer.GraftMeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.NodeStatus;
import io.graft.api.OverloadedException;
import io.graft.api.RaftNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a member measures per command and per group commit, and the gauges of its state. */
class CommandMetersTest {

    @Test
    void everyCommandSubmittedOnTheLeaderIsTimedAndItsWritesAreCounted() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            int id = leader.id();
            for (int i = 0; i < 25; i++) {
                leader.submit("c" + i).join();
            }

            await().atMost(MeteredCluster.WAIT).untilAsserted(() ->
                    assertThat(cluster.find(id, COMMIT_LATENCY).tag(TAG_OUTCOME, "applied").timer().count())
                            .isEqualTo(25));
            Timer applied = cluster.find(id, COMMIT_LATENCY).tag(TAG_OUTCOME, "applied").timer();
            assertThat(applied.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(cluster.find(id, COMMIT_LATENCY).tag(TAG_OUTCOME, "failed").timer().count()).isZero();
            for (int follower : cluster.othersThan(id)) {
                assertThat(cluster.find(follower, COMMIT_LATENCY).tag(TAG_OUTCOME, "applied").timer().count())
                        .as("nothing was submitted on follower %d", follower).isZero();
            }

            for (int member = 1; member <= 3; member++) {
                int m = member;
                // The 25 commands and the leader's no-op, written in one or more group commits on every member.
                await().atMost(MeteredCluster.WAIT).untilAsserted(() ->
                        assertThat(cluster.find(m, LOG_SYNC_ENTRIES).summary().totalAmount())
                                .isGreaterThanOrEqualTo(26));
                DistributionSummary entries = cluster.find(m, LOG_SYNC_ENTRIES).summary();
                assertThat(cluster.find(m, LOG_SYNC_LATENCY).timer().count()).isEqualTo(entries.count());
                assertThat(cluster.find(m, LOG_SYNC_BYTES).summary().totalAmount()).isGreaterThanOrEqualTo(25 * 2);
            }
        }
    }

    @Test
    void stateGaugesFollowTheMembersStatus() {
        try (MeteredCluster cluster = new MeteredCluster(3)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            for (int i = 0; i < 10; i++) {
                leader.submit("c" + i).join();
            }
            NodeStatus status = leader.status();
            for (int member = 1; member <= 3; member++) {
                int m = member;
                await().atMost(MeteredCluster.WAIT).untilAsserted(() -> {
                    assertThat(cluster.gauge(m, APPLIED_INDEX)).isEqualTo(status.commitIndex());
                    assertThat(cluster.gauge(m, COMMIT_INDEX)).isEqualTo(status.commitIndex());
                    assertThat(cluster.gauge(m, APPLY_LAG)).isZero();
                });
                assertThat(cluster.gauge(m, TERM)).isEqualTo(status.term());
                assertThat(cluster.gauge(m, LEADER)).isEqualTo(leader.id());
                boolean leads = m == leader.id();
                assertThat(cluster.gauge(m, ROLE, TAG_ROLE, "leader")).isEqualTo(leads ? 1 : 0);
                assertThat(cluster.gauge(m, ROLE, TAG_ROLE, "follower")).isEqualTo(leads ? 0 : 1);
                assertThat(cluster.gauge(m, ROLE, TAG_ROLE, "candidate")).isZero();
                assertThat(cluster.gauge(m, ROLE, TAG_ROLE, "pre_candidate")).isZero();
            }
        }
    }

    @Test
    void commandsRefusedAsOverloadedAreCounted() {
        try (MeteredCluster cluster = new MeteredCluster(3, new SimpleMeterRegistry(), b -> b.maxPendingCommands(2),
                false)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            List<CompletableFuture<Long>> flood = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                flood.add(leader.submit("c" + i));
            }
            long refused = flood.stream().filter(f -> overloaded(f)).count();
            long appliedCount = flood.size() - refused;

            assertThat(refused).as("a flood past maxPendingCommands is refused in part").isPositive();
            assertThat(cluster.counter(leader.id(), COMMANDS_OVERLOADED)).isEqualTo(refused);
            // A refused command never reached the log: only the accepted ones are timed.
            await().atMost(MeteredCluster.WAIT).untilAsserted(() -> assertThat(
                    cluster.find(leader.id(), COMMIT_LATENCY).tag(TAG_OUTCOME, "applied").timer().count())
                    .isEqualTo(appliedCount));
        }
    }

    private static boolean overloaded(CompletableFuture<Long> f) {
        try {
            f.join();
            return false;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(OverloadedException.class);
            return true;
        }
    }
}
