package io.graft.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.Role;
import io.graft.api.event.LeaderChanged;
import io.graft.api.event.RoleChanged;
import io.graft.node.json.TestJson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoints over a member whose state the test sets. */
class AdminServerTest {
    /** One sample line of the Prometheus text format: name, optional labels, value (timestamps are not used). */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*})? "
                    + "(-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|[+-]Inf)");

    private final FakeMember member = new FakeMember();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private AdminServer server;
    private URI base;

    @BeforeEach
    void start() {
        new JvmMemoryMetrics().bindTo(registry);
        Timer latency = Timer.builder(CommitLatency.TIMER).tag("member", "1").register(registry);
        latency.record(Duration.ofMillis(10));
        latency.record(Duration.ofMillis(30));
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), member, registry, 10);
        base = server.url();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void servesOnLoopbackAtTheAddressItReports() {
        assertThat(base.toString()).startsWith("http://127.0.0.1:").endsWith("/");
        assertThat(server.address().getPort()).isPositive();
    }

    @Test
    void metricsAreTheRegistryInPrometheusTextFormat() {
        registry.counter("graft.test.commands").increment(3);

        HttpResponse<String> response = Http.get(base, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        List<String> lines = response.body().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                || SAMPLE.matcher(line).matches()).as("a Prometheus text line: %s", line).isTrue());
        assertThat(lines).contains("# TYPE graft_test_commands_total counter", "graft_test_commands_total 3.0")
                .anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"));
    }

    @Test
    void statusIsTheMemberReportAsJson() {
        member.report = FakeMember.report(Role.LEADER, OptionalInt.of(1), 120, 118);

        HttpResponse<String> response = Http.get(base, "/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(Response.JSON);
        Map<String, Object> status = TestJson.object(response.body());
        assertThat(status).containsEntry("memberId", 1L).containsEntry("clusterId", "fake-cluster")
                .containsEntry("role", "LEADER").containsEntry("term", 3L).containsEntry("leaderId", 1L)
                .containsEntry("commitIndex", 120L).containsEntry("appliedIndex", 118L)
                .containsEntry("applyLag", 2L).containsEntry("running", true).containsEntry("failure", null)
                .containsEntry("uptimeMillis", 61_000L).containsEntry("logBytes", 4096L);
        Map<String, Object> membership = TestJson.asObject(status.get("membership"));
        assertThat(TestJson.asArray(membership.get("voters"))).hasSize(3)
                .contains(Map.of("id", 2L, "address", "127.0.0.1:7402"));
        assertThat(TestJson.asArray(status.get("followers"))).containsExactly(
                Map.of("memberId", 2L, "voter", true, "matchIndex", 120L, "nextIndex", 121L, "lag", 0L,
                        "inflightAppends", 0L, "mode", "REPLICATE", "sinceLastContactMillis", 12L,
                        "catchingUp", false),
                TestJson.object("{\"memberId\":3,\"voter\":true,\"matchIndex\":115,\"nextIndex\":116,\"lag\":5,"
                        + "\"inflightAppends\":1,\"mode\":\"PROBE\",\"sinceLastContactMillis\":null,"
                        + "\"catchingUp\":false}"));
    }

    @Test
    void statusIs503WhenTheMemberGivesNoReport() {
        member.reportFailure = new IllegalStateException("closed");

        HttpResponse<String> response = Http.get(base, "/status");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestJson.object(response.body())).containsEntry("memberId", 1L)
                .hasEntrySatisfying("error", e -> assertThat((String) e).contains("closed"));
    }

    @Test
    void liveWhileTheMemberRunsAndNotOnceItFailed() {
        assertThat(Http.get(base, "/health/live").statusCode()).isEqualTo(200);
        assertThat(TestJson.object(Http.get(base, "/health/live").body())).containsEntry("status", "UP");

        member.failure = new IllegalStateException("disk full");
        member.running = false;

        HttpResponse<String> live = Http.get(base, "/health/live");
        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(TestJson.object(live.body())).containsEntry("status", "DOWN")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("stopped by itself", "disk full"));
        assertThat(Http.get(base, "/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void readyNeedsALeaderNoCatchingUpAndLittleLeftToApply() {
        member.report = FakeMember.report(Role.FOLLOWER, OptionalInt.of(2), 100, 90);
        assertReady(200, "leader 2 in term 3, apply lag 10");

        member.report = FakeMember.report(Role.CANDIDATE, OptionalInt.empty(), 100, 100);
        assertReady(503, "no leader known (term 3)");

        member.report = FakeMember.report(Role.FOLLOWER, OptionalInt.of(2), 100, 89);
        assertReady(503, "11 committed entries not applied yet (ready at 10 or fewer)");

        member.running = false;
        assertReady(503, "not running");
    }

    @Test
    void eventsAreListedInOrderAndFromANumberOn() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        member.publish(new RoleChanged(1, at, 4, Role.CANDIDATE, Role.LEADER));
        member.publish(new LeaderChanged(1, at.plusMillis(1), 4, OptionalInt.of(1)));

        List<Object> all = TestJson.array(Http.get(base, "/events").body());
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).isEqualTo(TestJson.object("{\"seq\":1,\"type\":\"RoleChanged\",\"memberId\":1,"
                + "\"at\":\"2026-01-02T03:04:05Z\",\"atMillis\":" + at.toEpochMilli() + ",\"summary\":\"member 1:"
                + " candidate \u2192 leader in term 4\",\"term\":4,\"from\":\"CANDIDATE\",\"to\":\"LEADER\"}"));
        List<Object> newer = TestJson.array(Http.get(base, "/events?after=1").body());
        assertThat(newer).singleElement().satisfies(e -> assertThat(TestJson.asObject(e))
                .containsEntry("seq", 2L).containsEntry("type", "LeaderChanged").containsEntry("leaderId", 1L)
                .containsEntry("summary", "member 1 leads term 4"));
        assertThat(Http.get(base, "/events?after=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void historyHasASampleASecondWithTheCommitRateAndLatency() {
        member.report = FakeMember.report(Role.LEADER, OptionalInt.of(1), 100, 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestJson.array(Http.get(base, "/history").body()).isEmpty());
        member.report = FakeMember.report(Role.LEADER, OptionalInt.of(1), 400, 400);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Object> history = TestJson.array(Http.get(base, "/history").body());
            assertThat(history).anySatisfy(s -> assertThat(TestJson.asObject(s)).containsEntry("commitIndex", 400L)
                    .containsEntry("role", "LEADER")
                    .hasEntrySatisfying("commitsPerSecond", rate -> assertThat((Double) rate).isPositive()));
        });
        Map<String, Object> first = TestJson.asObject(TestJson.array(Http.get(base, "/history").body()).get(0));
        assertThat(first.get("latencyMeanMillis")).isEqualTo(20.0);
        assertThat(first.get("latencyMaxMillis")).isEqualTo(30.0);
        long firstAt = (Long) first.get("atMillis");
        assertThat(TestJson.array(Http.get(base, "/history?after=" + firstAt).body()))
                .allSatisfy(s -> assertThat((Long) TestJson.asObject(s).get("atMillis")).isGreaterThan(firstAt));
    }

    @Test
    void theDashboardIsServedFromTheJar() {
        HttpResponse<String> page = Http.get(base, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"dashboard.js\">", "id=\"members\"");
        assertThat(Http.get(base, "/dashboard.js").body()).contains("/status", "/history", "/events");
        assertThat(Http.get(base, "/dashboard.css").statusCode()).isEqualTo(200);
        // Nothing off the dashboard's folder, and no external address in the page.
        assertThat(Http.get(base, "/missing.js").statusCode()).isEqualTo(404);
        assertThat(Http.get(base, "/io/graft/node/admin/AdminServer.class").statusCode()).isEqualTo(404);
        assertThat(Http.get(base, "/logback.xml").statusCode()).isEqualTo(404);
        assertThat(page.body() + Http.get(base, "/dashboard.js").body()).doesNotContain("http://", "https://");
    }

    @Test
    void onlyReadsAreServed() {
        HttpResponse<String> post = Http.send(base, "/status", "POST");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<String> head = Http.send(base, "/health/live", "HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(Http.get(base, "/status/more").statusCode()).isEqualTo(404);
    }

    @Test
    void closingStopsServingAndRemovesTheListener() {
        server.close();

        assertThat(member.listeners).isEmpty();
        assertThatRefused(base);
    }

    private void assertReady(int status, String reason) {
        HttpResponse<String> ready = Http.get(base, "/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(status);
        assertThat(TestJson.object(ready.body())).containsEntry("status", status == 200 ? "UP" : "DOWN")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains(reason));
    }

    static void assertThatRefused(URI base) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Http.get(base, "/health/live"))
                .isInstanceOf(java.io.UncheckedIOException.class).hasCauseInstanceOf(java.net.ConnectException.class);
    }
}
