package io.graft.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The names a Prometheus scrape shows. */
class PrometheusRenderingTest {

    @Test
    void aScrapeShowsTheMetersInPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MeteredCluster cluster = new MeteredCluster(1, registry, b -> b, false)) {
            RaftNode<String, Long> leader = cluster.awaitLeader();
            leader.submit("x").join();
            leader.takeSnapshot().join();
            // The snapshot's event reaches the meters on the callback thread, a moment after the future completes.
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.scrape().contains(
                    "graft_snapshot_duration_seconds_count{cluster=\"test-cluster\",kind=\"taken\",member=\"1\"} 1"));

            String scrape = registry.scrape();

            assertThat(scrape).contains(
                    "graft_commit_latency_seconds_bucket{cluster=\"test-cluster\",member=\"1\",outcome=\"applied\","
                            + "le=\"1.0E-4\"}",
                    "graft_commit_latency_seconds_count{cluster=\"test-cluster\",member=\"1\",outcome=\"applied\"}",
                    "graft_role{cluster=\"test-cluster\",member=\"1\",role=\"leader\"} 1",
                    "graft_role{cluster=\"test-cluster\",member=\"1\",role=\"follower\"} 0",
                    "graft_elections_won_total{cluster=\"test-cluster\",member=\"1\"} 1",
                    "graft_elections_started_total{cluster=\"test-cluster\",member=\"1\",pre_vote=\"false\"}",
                    "graft_leader{cluster=\"test-cluster\",member=\"1\"} 1",
                    "graft_term{",
                    "graft_apply_lag{",
                    "graft_log_sync_latency_seconds_bucket{",
                    "graft_log_sync_entries_count{",
                    "graft_log_sync_bytes_sum{",
                    "graft_snapshot_duration_seconds_count{cluster=\"test-cluster\",kind=\"taken\",member=\"1\"} 1",
                    "graft_snapshot_size_bytes_count{cluster=\"test-cluster\",kind=\"taken\",member=\"1\"} 1",
                    "graft_transport_messages_sent_total{",
                    "graft_transport_bytes_sent_total{",
                    "graft_commands_overloaded_total{",
                    "graft_client_sessions{");
        }
    }
}
