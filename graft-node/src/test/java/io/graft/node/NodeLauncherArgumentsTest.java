package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's arguments and its errors: each fails before a member starts, with exit code 2. */
class NodeLauncherArgumentsTest {
    @TempDir
    Path dir;

    private final Console console = new Console();
    private final StopSignal stop = StopSignal.manual();

    private int launch(Map<String, String> env, String... args) {
        int code = NodeLauncher.run(args, console.out, console.err, env, stop);
        // A shutdown hook must never wait for a launcher that did not start a member.
        assertThat(stop.awaitFinished(Duration.ZERO)).isTrue();
        return code;
    }

    private int launch(String... args) {
        return launch(Map.of(), args);
    }

    private Path kvFile(String transport, String stateMachine, String codec) {
        return ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv("args-test", List.of(1, 2, 3))
                .replace("transport: inmemory", "transport: " + transport)
                .replace("stateMachine: kv", "stateMachine: " + stateMachine)
                .replace("codec: kv-binary", "codec: " + codec));
    }

    @Test
    void helpPrintsUsageAndExitCodes() {
        assertThat(launch("--help")).isZero();
        assertThat(console.out()).contains("Usage: graft-node", "--config=FILE", "--id=N", "GRAFT_CONFIG",
                "GRAFT_NODE_ID", "--join", "graft add-member", "Exit codes");
    }

    @Test
    void helpDocumentsTheCodeOfAMemberThatStoppedByItself() {
        assertThat(launch("--help")).isZero();
        assertThat(console.out()).contains("0   stopped cleanly (SIGTERM or SIGINT)")
                .containsPattern(ExitCodes.MEMBER_FAILED + "\\s+the member stopped by itself: one of its threads failed");
    }

    @Test
    void withoutConfigItSaysHowToNameOne() {
        assertThat(launch("--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("no cluster file: pass --config FILE or set GRAFT_CONFIG");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.yaml");
        assertThat(launch("--config", missing.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains(missing.toAbsolutePath().toString(), "does not exist");
    }

    @Test
    void aMissingFileFromTheEnvironmentSaysWhereTheNameCameFrom() {
        Path missing = dir.resolve("env.yaml");
        assertThat(launch(Map.of("GRAFT_CONFIG", missing.toString()), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains(missing.toAbsolutePath().toString(), "named by GRAFT_CONFIG");
    }

    @Test
    void aBadValueIsReportedWithItsKeyAndLine() {
        Path file = ClusterFiles.write(dir, "bad.yaml", "transport: inmemory\nelectionTimeout: soon\n"
                + "configuration:\n  1: 127.0.0.1:7401\n");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("'electionTimeout'", "line 2", "bad.yaml");
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithItsLine() {
        Path file = ClusterFiles.write(dir, "broken.yaml", "configuration:\n  1: 127.0.0.1:7401\n  2: [oops\n");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("invalid cluster configuration", "line", "broken.yaml");
    }

    @Test
    void anUnknownMemberIdListsTheMembers() {
        Path file = kvFile("inmemory", "kv", "kv-binary");
        assertThat(launch("--config", file.toString(), "--id", "9")).isEqualTo(2);
        assertThat(console.err()).contains("member 9 (from --id) is not in the cluster",
                "1 (127.0.0.1:7401), 2 (127.0.0.1:7402), 3 (127.0.0.1:7403)");
    }

    @Test
    void withoutAnIdItListsTheMembers() {
        Path file = kvFile("inmemory", "kv", "kv-binary");
        assertThat(launch("--config", file.toString())).isEqualTo(2);
        assertThat(console.err()).contains("no member id: pass --id N or set GRAFT_NODE_ID", "2 (127.0.0.1:7402)");
    }

    @Test
    void anIdFromTheEnvironmentMustBeANumber() {
        Path file = kvFile("inmemory", "kv", "kv-binary");
        assertThat(launch(Map.of("GRAFT_CONFIG", file.toString(), "GRAFT_NODE_ID", "one"))).isEqualTo(2);
        assertThat(console.err()).contains("GRAFT_NODE_ID must be a member id (an integer), got 'one'");
    }

    @Test
    void anUnknownIdFromTheEnvironmentNamesItsSource() {
        Path file = kvFile("inmemory", "kv", "kv-binary");
        assertThat(launch(Map.of("GRAFT_CONFIG", file.toString(), "GRAFT_NODE_ID", "4"))).isEqualTo(2);
        assertThat(console.err()).contains("member 4 (from GRAFT_NODE_ID) is not in the cluster");
    }

    @Test
    void anIdThatIsNotANumberIsAUsageError() {
        assertThat(launch("--config", "x.yaml", "--id", "first")).isEqualTo(2);
        assertThat(console.err()).contains("--id", "first");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(launch("--conifg", "x.yaml")).isEqualTo(2);
        assertThat(console.err()).contains("--conifg");
    }

    @Test
    void anUnknownTransportListsTheAvailableOnes() {
        Path file = kvFile("carrier-pigeon", "kv", "kv-binary");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("no transport named 'carrier-pigeon'", "available: ", "inmemory");
    }

    @Test
    void anUnknownStateMachineListsTheAvailableOnes() {
        Path file = kvFile("inmemory", "ledger", "kv-binary");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("no state machine named 'ledger'", "kv, ", "words");
    }

    @Test
    void anUnknownCodecListsTheAvailableOnes() {
        Path file = kvFile("inmemory", "kv", "morse");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("no codec named 'morse'", "kryo", "kv-binary");
    }

    @Test
    void aCodecThatCannotEncodeTheStateMachinesTypesIsRefused() {
        Path file = kvFile("inmemory", "words", "kv-binary");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("the codec 'kv-binary' cannot encode the commands of the state machine"
                + " 'words'");
    }

    @Test
    void aStateMachineLessFileSaysWhichToName() {
        Path file = kvFile("inmemory", "\"\"", "kv-binary");
        assertThat(launch("--config", file.toString(), "--id", "1")).isEqualTo(2);
        assertThat(console.err()).contains("'stateMachine'", "kv, ", "words");
    }
}
