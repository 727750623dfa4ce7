package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.node.tool.GraftTool;
import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administration tool's arguments and errors, and its exit code when nothing answers. */
class GraftToolArgumentsTest {
    @TempDir
    Path dir;

    private final Console console = new Console();

    private int tool(String... args) {
        return GraftTool.run(args, console.out, console.err, Map.of());
    }

    /**
     * A cluster file on an in-memory network where no member runs, naming a state machine and a codec that no
     * provider on the class path has: the tool needs neither.
     */
    private Path unknownStateMachine(String network) {
        return ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1, 2, 3))
                .replace("stateMachine: kv", "stateMachine: anything")
                .replace("codec: kv-binary", "codec: no-such-codec"));
    }

    @Test
    void withoutACommandItShowsTheCommands() {
        assertThat(tool()).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("name a command: status, report, members, transfer, add-member,"
                + " add-learner, remove-member or snapshot", "Usage: graft");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertThat(tool("--help")).isZero();
        assertThat(console.out()).contains("status", "report", "members", "transfer", "add-member", "add-learner",
                "remove-member", "snapshot", "Exit codes", "3   the cluster did not answer in time");
    }

    @Test
    void withoutConfigItSaysHowToNameOne() {
        assertThat(tool("status")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("no cluster file: pass --config FILE or set GRAFT_CONFIG");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(tool("--config", dir.resolve("gone.yaml").toString(), "members")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("gone.yaml", "does not exist");
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        assertThat(tool("--timeout", "soon", "status")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("'soon' is not a duration; write e.g. 500ms, 5s or 2m");
    }

    @Test
    void anUnknownTransportListsTheAvailableOnes() {
        Path file = ClusterFiles.write(dir, "pigeon.yaml", ClusterFiles.inMemoryKv("tool-pigeon", List.of(1))
                .replace("transport: inmemory", "transport: carrier-pigeon"));
        assertThat(tool("--config", file.toString(), "status")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("no transport named 'carrier-pigeon'", "inmemory");
    }

    @Test
    void badMemberIdsAndAddressesAreUsageErrors() {
        String config = unknownStateMachine("tool-args-" + System.nanoTime()).toString();
        assertThat(tool("--config", config, "transfer", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(tool("--config", config, "add-member", "4", "http://127.0.0.1:7404")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("member 4's address", "is a URL");
        assertThat(tool("--config", config, "remove-member", "-1")).isEqualTo(ExitCodes.USAGE);
        assertThat(tool("--config", config, "add-learner", "4")).isEqualTo(ExitCodes.USAGE);
        assertThat(tool("--config", config, "report", "--member", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(tool("--config", config, "snapshot", "--member", "-3")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("member ids are positive whole numbers, got -3");
    }

    @Test
    void aClusterOfAnyStateMachineWithNoRunningMembersIsUnreachable() {
        String network = "tool-empty-" + System.nanoTime();
        String config = unknownStateMachine(network).toString();
        try {
            assertThat(tool("--config", config, "--timeout", "300ms", "status")).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(console.out()).contains("member 1  127.0.0.1:7401  no answer within 300 ms",
                    "member 2  127.0.0.1:7402  no answer within 300 ms",
                    "member 3  127.0.0.1:7403  no answer within 300 ms");
            assertThat(console.err()).contains("no member answered as leader");

            assertThat(tool("--config", config, "--timeout", "300ms", "members")).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(console.err()).contains("no answer from the cluster within 300 ms", "Nothing changed.");
            assertThat(tool("--config", config, "--timeout", "300ms", "remove-member", "3"))
                    .isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(console.err()).contains("The change may or may not have been made; run 'graft members' to see");
            assertThat(tool("--config", config, "--timeout", "300ms", "report")).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(tool("--config", config, "--timeout", "300ms", "snapshot")).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(console.err()).contains("name the member to take the snapshot with --member");
        } finally {
            InMemoryNetwork.named(network).close();
        }
    }

    @Test
    void aMemberNotInTheFileIsLookedUpInTheLeadersMembership() {
        String network = "tool-stranger-" + System.nanoTime();
        String config = unknownStateMachine(network).toString();
        try {
            // Not in the file: the tool asks the leader's membership, which nobody answers here.
            assertThat(tool("--config", config, "--timeout", "300ms", "report", "--member", "9"))
                    .isEqualTo(ExitCodes.UNREACHABLE);
        } finally {
            InMemoryNetwork.named(network).close();
        }
    }
}
