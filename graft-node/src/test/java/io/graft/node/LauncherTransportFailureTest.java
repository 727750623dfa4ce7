package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member whose transport fails stops, and the launcher then exits with code 4 and says why, so that a supervisor
 * restarts it, instead of running on with a member that can reach no one.
 */
class LauncherTransportFailureTest {
    @TempDir
    Path dir;

    @Test
    void theLauncherExitsWithOneWhenItsMembersTransportFails() {
        Path cluster = ClusterFiles.write(dir, "cluster.yaml", """
                electionTimeout: 100
                transport: %s
                stateMachine: kv
                codec: kv-binary
                configuration:
                  1: 127.0.0.1:7401
                """.formatted(FailingTransportProvider.NAME));
        try (LaunchedNode node = LaunchedNode.start(Map.of(), "--config", cluster.toString(), "--id", "1")) {
            assertThat(node.awaitExit(Duration.ofSeconds(20))).isEqualTo(ExitCodes.MEMBER_FAILED);
            assertThat(node.console.err()).contains("member 1 stopped by itself").contains(FailingTransportProvider.FAILURE);
        }
    }
}
