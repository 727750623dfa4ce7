package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.transport.inmemory.InMemoryNetwork;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher serves its admin endpoints when asked, from the start of its member to its close. */
class NodeLauncherAdminTest {
    @TempDir
    Path dir;

    private final String network = "admin-" + System.nanoTime();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeNetwork() {
        InMemoryNetwork.named(network).close();
    }

    @Test
    void withoutAnAdminSectionOrPortNothingIsServed() {
        Path file = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1)));
        try (LaunchedNode node = LaunchedNode.start(Map.of(), "--config", file.toString(), "--id", "1")) {
            assertThat(node.console.out()).doesNotContain(NodeLauncher.ADMIN);
        }
    }

    @Test
    void adminPortServesTheMembersEndpointsUntilItStops() throws Exception {
        Path file = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1)));
        URI base;
        try (LaunchedNode node = LaunchedNode.start(Map.of(), "--config", file.toString(), "--id", "1",
                "--admin-port", "0")) {
            base = adminUrl(node.console.out());
            assertThat(base.getHost()).isEqualTo("127.0.0.1");

            // A cluster of one elects itself: ready once it leads.
            await().atMost(Duration.ofSeconds(20)).until(() -> get(base, "/health/ready").statusCode() == 200);
            assertThat(get(base, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(base, "/status").body()).contains("\"memberId\":1,", "\"role\":\"LEADER\"",
                    "\"leaderId\":1,", "\"voters\":[{\"id\":1,\"address\":\"127.0.0.1:7401\"}]");
            assertThat(get(base, "/metrics").body()).contains("jvm_memory_used_bytes{");
            assertThat(get(base, "/").body()).contains("dashboard.js");

            assertThat(node.stop()).isZero();
        }
        assertThatThrownBy(() -> get(base, "/health/live")).isInstanceOf(ConnectException.class);
    }

    @Test
    void theFilesAdminSectionIsServedAndOtherToolsAcceptTheFile() throws Exception {
        int port = ProcessCluster.freePorts(1).get(0);
        Path file = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1))
                + "admin:\n  port: {1: " + port + "}\n");

        assertThat(ClusterFile.load(file, Map.of()).members()).containsOnlyKeys(1); // As graft-cli reads it.
        try (LaunchedNode node = LaunchedNode.start(Map.of(), "--config", file.toString(), "--id", "1")) {
            assertThat(adminUrl(node.console.out())).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
            assertThat(get(adminUrl(node.console.out()), "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aMemberMissingFromTheAdminPortsIsAUsageErrorBeforeItStarts() {
        Path file = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1, 2))
                + "admin:\n  port: {2: 9402}\n");
        Console console = new Console();

        int code = NodeLauncher.run(new String[] {"--config", file.toString(), "--id", "1"}, console.out, console.err,
                Map.of(), StopSignal.manual());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("'admin.port'", "line 11", "no port for member 1", "cluster.yaml");
        assertThat(console.out()).doesNotContain(NodeLauncher.STARTED);
    }

    @Test
    void anAdminPortInUseStopsTheLauncherAsAPortInUseDoes() throws IOException {
        Path file = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1)));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Console console = new Console();

            int code = NodeLauncher.run(new String[] {"--config", file.toString(), "--id", "1", "--admin-port",
                    Integer.toString(taken.getLocalPort())}, console.out, console.err, Map.of(), StopSignal.manual());

            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(console.err()).contains("could not start", "admin endpoints",
                    Integer.toString(taken.getLocalPort()));
        }
    }

    private static URI adminUrl(String out) {
        Optional<String> line = out.lines().filter(l -> l.contains(NodeLauncher.ADMIN)).findFirst();
        assertThat(line).as(out).isPresent();
        return URI.create(line.get().substring(line.get().indexOf(NodeLauncher.ADMIN) + NodeLauncher.ADMIN.length())
                .trim());
    }

    private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
