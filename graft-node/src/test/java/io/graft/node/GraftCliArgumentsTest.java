package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's arguments and errors, and its exit code when nothing answers. */
class GraftCliArgumentsTest {
    @TempDir
    Path dir;

    private final Console console = new Console();

    private int cli(Map<String, String> env, String... args) {
        return GraftCli.run(args, console.out, console.err, env);
    }

    private int cli(String... args) {
        return cli(Map.of(), args);
    }

    private Path kvFile(String network) {
        return ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1, 2, 3)));
    }

    @Test
    void withoutACommandItShowsTheCommands() {
        assertThat(cli()).isEqualTo(2);
        assertThat(console.err()).contains("name a command: put, get, read, delete or cas (for the cluster's status"
                + " and administration, use 'graft')", "Usage: graft-cli");
    }

    @Test
    void helpListsTheCommandsAndExitCodesAndPointsToTheAdministrationTool() {
        assertThat(cli("--help")).isZero();
        assertThat(console.out()).contains("put", "get", "read", "delete", "cas", "Exit codes", "3   the cluster",
                "use 'graft'");
        assertThat(console.out()).doesNotContain("  status ", "  members ", "  transfer ");
    }

    @Test
    void theAdministrationCommandsAreGraftsNow() {
        assertThat(cli("status")).isEqualTo(2);
        assertThat(console.err()).contains("Unmatched argument", "status");
    }

    @Test
    void withoutConfigItSaysHowToNameOne() {
        assertThat(cli("get", "k")).isEqualTo(2);
        assertThat(console.err()).contains("no cluster file: pass --config FILE or set GRAFT_CONFIG");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(cli("--config", dir.resolve("gone.yaml").toString(), "get", "k")).isEqualTo(2);
        assertThat(console.err()).contains("gone.yaml", "does not exist");
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertThat(cli("put", "only-key")).isEqualTo(2);
        assertThat(console.err()).contains("VALUE");
    }

    @Test
    void casChecksItsArgumentsAgainstItsFlags() {
        Path file = kvFile("cli-args");
        assertThat(cli("--config", file.toString(), "cas", "--expect-absent", "k", "old", "new")).isEqualTo(2);
        assertThat(console.err()).contains("cas expects 2 arguments here (KEY NEW), got 3");
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        assertThat(cli("--timeout", "soon", "get", "k")).isEqualTo(2);
        assertThat(console.err()).contains("'soon' is not a duration; write e.g. 500ms, 5s or 2m");
    }

    @Test
    void aClusterRunningAnotherStateMachineIsRefused() {
        Path file = ClusterFiles.write(dir, "words.yaml", ClusterFiles.inMemoryKv("cli-words", List.of(1))
                .replace("stateMachine: kv", "stateMachine: words"));
        assertThat(cli("--config", file.toString(), "get", "k")).isEqualTo(2);
        assertThat(console.err()).contains("speaks the 'kv' example's commands", "'words'", "use 'graft'");
    }

    @Test
    void anUnknownTransportListsTheAvailableOnes() {
        Path file = ClusterFiles.write(dir, "pigeon.yaml", ClusterFiles.inMemoryKv("cli-pigeon", List.of(1))
                .replace("transport: inmemory", "transport: carrier-pigeon"));
        assertThat(cli("--config", file.toString(), "put", "k", "v")).isEqualTo(2);
        assertThat(console.err()).contains("no transport named 'carrier-pigeon'", "inmemory");
    }

    @Test
    void aClusterWithNoRunningMembersIsUnreachable() {
        String network = "cli-empty-" + System.nanoTime();
        Path file = kvFile(network);
        try {
            assertThat(cli(Map.of("GRAFT_CONFIG", file.toString()), "--timeout", "300ms", "put", "k", "v"))
                    .isEqualTo(3);
            assertThat(console.err()).contains("no confirmation from the cluster within 300 ms",
                    "may or may not have been applied");
        } finally {
            InMemoryNetwork.named(network).close();
        }
    }

    @Test
    void aReadToAClusterWithNoRunningMembersIsUnreachable() {
        String network = "cli-empty-read-" + System.nanoTime();
        Path file = kvFile(network);
        try {
            assertThat(cli("--config", file.toString(), "--timeout", "300ms", "read", "k")).isEqualTo(3);
            assertThat(console.err()).contains("no confirmation from the cluster within 300 ms", "A read changes nothing");
        } finally {
            InMemoryNetwork.named(network).close();
        }
    }
}
