package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher whose member stops by itself, because one of its threads died, ends its process with
 * {@link ExitCodes#MEMBER_FAILED}, saying why. Before, the process lived on without a working member: it kept
 * its port and data directory, and answered every client "not leader".
 */
class MemberFailureExitProcessTest {
    @TempDir
    Path dir;

    @Test
    void aMemberWhoseStateMachineThrowsAnErrorEndsItsProcessWithTheMemberFailedCode() {
        List<Integer> ports = ProcessCluster.freePorts(1);
        String kv = ProcessCluster.kvClusterFile("zeromq", ports, dir.resolve("data"));
        Path config = ClusterFiles.write(dir, "poisonable.yaml",
                kv.replace("stateMachine: kv\n", "stateMachine: " + PoisonableKvProvider.NAME + "\n"));
        // The key-value client speaks to the same member as to any key-value store.
        String client = ClusterFiles.write(dir, "client.yaml", kv).toString();
        try (NodeProcess node = NodeProcess.start(config, 1)) {
            CliProcess ok = CliProcess.run(dir, "--config", client, "--timeout", "15s", "put", "k", "v");
            assertThat(ok.code()).as("put k: %s\n%s", ok.err(), node.output()).isZero();

            // Its outcome cannot be known: the member dies applying it.
            CliProcess.run(dir, "--config", client, "--timeout", "2s", "put", PoisonableKvProvider.POISON, "v");

            assertThat(node.exitCode(Duration.ofSeconds(30))).as(node.output()).isEqualTo(ExitCodes.MEMBER_FAILED);
            assertThat(node.output()).contains("member 1 stopped by itself", "OutOfMemoryError",
                    "released its port and data directory").doesNotContain("graft node 1 stopped");
        }
    }
}
