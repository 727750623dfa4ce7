package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft-cli status} against members started through the launcher's code path, on a named in-memory
 * network: before the first election, while it happens, and with a member down.
 */
class StatusCommandTest {
    @TempDir
    Path dir;

    private final String network = "status-" + System.nanoTime();
    private final List<LaunchedNode> nodes = new ArrayList<>();
    private Path cluster;

    /** The client's exit code and what it printed. */
    private record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void writeTheClusterFile() {
        cluster = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1, 2, 3)));
    }

    @AfterEach
    void stopMembers() {
        nodes.forEach(LaunchedNode::close);
        InMemoryNetwork.named(network).close();
    }

    private void start(int id) {
        nodes.add(LaunchedNode.start(Map.of(), "--config", cluster.toString(), "--id", Integer.toString(id)));
    }

    private Outcome status(String timeout) {
        Console console = new Console();
        int code = GraftCli.run(new String[] {"--config", cluster.toString(), "--timeout", timeout, "status"},
                console.out, console.err, Map.of());
        return new Outcome(code, console.out().strip(), console.err());
    }

    @Test
    void withoutAMajorityItSaysThatNoLeaderIsElectedYet() {
        start(1);

        Outcome status = status("1s");

        assertThat(status.code()).isEqualTo(ExitCodes.UNREACHABLE);
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("member 1  127\\.0\\.0\\.1:7401  not leader, no leader known +\\d+\\.\\d ms");
        assertThat(lines.subList(1, 3)).containsExactly("member 2  127.0.0.1:7402  no answer within 1 s",
                "member 3  127.0.0.1:7403  no answer within 1 s");
        assertThat(status.err()).contains("no member answered as leader within 1 s", "no leader is elected yet");
    }

    @Test
    void startedBeforeTheFirstElectionItWaitsForIt() throws Exception {
        start(1);
        CompletableFuture<Outcome> status = CompletableFuture.supplyAsync(() -> status("60s"));
        start(2);
        start(3);

        Outcome outcome = status.get(2, TimeUnit.MINUTES);

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^leader: member [123]$");
    }

    @Test
    void aMemberThatIsDownIsReportedLastWithoutWaitingForTheTimeout() {
        start(1);
        start(2);
        start(3);
        assertThat(nodes.get(0).stop()).isZero();
        Duration timeout = Duration.ofSeconds(30);

        long started = System.nanoTime();
        Outcome status = status(timeout.toSeconds() + "s");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(status.code()).as(status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo("member 1  127.0.0.1:7401  no answer within 1 s");
        assertThat(lines.get(3)).matches("leader: member [23]");
        assertThat(elapsed).isLessThan(timeout.dividedBy(2));
    }
}
