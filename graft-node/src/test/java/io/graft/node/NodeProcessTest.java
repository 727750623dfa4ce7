package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code main} in a child JVM: what an operator sees. A one-member cluster needs no peers, so
 * the in-memory transport suffices here; multi-member runs across processes need a network transport (see
 * {@link ProcessCluster}).
 */
class NodeProcessTest {
    @TempDir
    Path dir;

    @Test
    void sigtermClosesTheMemberBeforeTheJvmExits() {
        Path config = ClusterFiles.write(dir, "single.yaml", ProcessCluster.kvClusterFile("inmemory", List.of(7401),
                dir.resolve("data")));
        try (NodeProcess node = NodeProcess.start(config, 1)) {
            assertThat(node.output()).contains("graft node 1 started: address 127.0.0.1:7401",
                    dir.resolve("data").resolve("member-1").toAbsolutePath().toString());
            assertThat(Files.isDirectory(dir.resolve("data").resolve("member-1"))).isTrue();
            int code = node.stop();
            assertThat(node.output()).contains("graft node 1 stopped");
            assertThat(code).as("a clean stop exits 0, as --help says, not the JVM's 143 (128 + SIGTERM)").isZero();
        }
    }

    @Test
    void aConfigurationErrorExitsWithTwoAndSaysWhy() {
        try (NodeProcess node = NodeProcess.launch(Map.of("GRAFT_CONFIG", dir.resolve("absent.yaml").toString()),
                "--id", "1")) {
            assertThat(node.exitCode(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(node.output()).contains("absent.yaml", "does not exist").doesNotContain("started");
        }
    }

    @Test
    void theClientExitsWithThreeWhenNoMemberAnswers() {
        // No member runs in the client's JVM, so its in-memory network is empty: nothing can answer.
        Path config = ClusterFiles.write(dir, "nobody.yaml", ProcessCluster.kvClusterFile("inmemory", List.of(7401),
                dir.resolve("data")));
        CliProcess put = CliProcess.run(dir, "--config", config.toString(), "--timeout", "200ms", "put", "k", "v");
        assertThat(put.code()).isEqualTo(3);
        assertThat(put.out()).isEmpty();
        assertThat(put.err()).contains("no confirmation from the cluster within 200 ms");
    }
}
