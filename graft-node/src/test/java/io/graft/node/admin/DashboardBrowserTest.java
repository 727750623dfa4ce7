package io.graft.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.node.json.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against a three-process cluster: it shows the members and their leader, and
 * after the leader's process is killed, the same page (never reloaded) shows the new leader. Leaves a screenshot in
 * {@code target/dashboard.png}. Skipped without Chromium unless {@value HeadlessChromium#REQUIRE_ENV}=1.
 */
class DashboardBrowserTest {
    private static final Duration FAILOVER = Duration.ofSeconds(15);
    /** What the page shows: its member rows, those marked leader, its connection state, and the test's marker. */
    private static final String VIEW = "{"
            + "members: [...document.querySelectorAll('#members tbody tr[data-member-id]')]"
            + ".map(r => Number(r.dataset.memberId)),"
            + "leaders: [...document.querySelectorAll('#members tbody tr[data-role=\"LEADER\"]')]"
            + ".map(r => Number(r.dataset.memberId)),"
            + "leaderCard: document.getElementById('leader').dataset.leaderId,"
            + "connection: document.getElementById('connection').dataset.state,"
            + "marker: window.graftTestMarker || null}";

    @TempDir
    Path dir;

    @Test
    void showsTheNewLeaderAfterTheLeaderIsKilledWithoutAReload() throws Exception {
        Path chromium = HeadlessChromium.executableOrSkip();
        try (AdminCluster cluster = AdminCluster.start(dir, 3);
             KvLoad load = KvLoad.start(cluster.config());
             HeadlessChromium browser = HeadlessChromium.start(chromium, Files.createDirectory(dir.resolve("profile")));
             DevToolsPage page = browser.newPage()) {
            int leader = cluster.agreedLeader(Duration.ofSeconds(30));
            int watched = leader % 3 + 1; // A follower: its page outlives the leader.
            page.resize(1280, 900);
            page.navigate(cluster.admin(watched));

            await().atMost(FAILOVER).untilAsserted(() -> {
                Map<String, Object> view = view(page);
                assertThat(view.get("members")).as("%s", view).isEqualTo(List.of(1L, 2L, 3L));
                assertThat(view.get("leaders")).as("%s", view).isEqualTo(List.of((long) leader));
                assertThat(view.get("leaderCard")).isEqualTo(Integer.toString(leader));
            });
            page.evaluate("window.graftTestMarker = 'never reloaded'");

            cluster.kill(leader);

            await().atMost(FAILOVER).untilAsserted(() -> {
                Map<String, Object> view = view(page);
                assertThat(view.get("members")).as("%s", view).isEqualTo(List.of(1L, 2L, 3L));
                assertThat(TestJson.asArray(view.get("leaders"))).as("%s", view).hasSize(1)
                        .doesNotContain((long) leader);
                assertThat(view.get("connection")).isEqualTo("ok");
                assertThat(view.get("marker")).as("the same page, not reloaded").isEqualTo("never reloaded");
            });
            long failedOverAt = System.currentTimeMillis();

            // A few seconds of writes through the new leader, for the throughput chart of the screenshot.
            await().atMost(Duration.ofSeconds(30)).until(() -> TestJson.array(Http.get(cluster.admin(watched),
                    "/history?after=" + failedOverAt).body()).stream()
                    .filter(s -> (Double) TestJson.asObject(s).get("commitsPerSecond") > 0).count() >= 5);
            assertThat(load.applied()).isPositive();
            Number height = (Number) page.evaluate("document.querySelector('footer').getBoundingClientRect().bottom");
            page.resize(1280, (int) Math.max(600, height.doubleValue() + 8));
            byte[] png = page.screenshot();
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            Files.write(Path.of("target", "dashboard.png"), png);
        }
    }

    private static Map<String, Object> view(DevToolsPage page) throws InterruptedException {
        return TestJson.asObject(page.evaluate(VIEW));
    }
}
