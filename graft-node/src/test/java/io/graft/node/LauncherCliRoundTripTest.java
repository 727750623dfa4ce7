package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members started through the launcher's own code path, on a named in-memory network, then the
 * command line client's code path against them: everything a user does by hand with the jar, in one JVM.
 */
class LauncherCliRoundTripTest {
    @TempDir
    Path dir;

    private final String network = "round-trip-" + System.nanoTime();
    private final List<LaunchedNode> nodes = new ArrayList<>();
    private Path cluster;

    @BeforeEach
    void startThreeMembers() {
        cluster = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryKv(network, List.of(1, 2, 3)));
        nodes.add(LaunchedNode.start(Map.of(), "--config", cluster.toString(), "--id", "1"));
        nodes.add(LaunchedNode.start(Map.of(), "--config", cluster.toString(), "--id", "2"));
        // The third member finds its file and id in the environment, as a container would pass them.
        nodes.add(LaunchedNode.start(Map.of("GRAFT_CONFIG", cluster.toString(), "GRAFT_NODE_ID", "3")));
    }

    @AfterEach
    void stopMembers() {
        for (LaunchedNode node : nodes) {
            node.close();
        }
        InMemoryNetwork.named(network).close();
    }

    /** The client's exit code and what it printed. */
    private record Outcome(int code, String out, String err) {
    }

    private Outcome cli(String... args) {
        Console console = new Console();
        int code = GraftCli.run(args, console.out, console.err, Map.of("GRAFT_CONFIG", cluster.toString()));
        return new Outcome(code, console.out().strip(), console.err());
    }

    @Test
    void eachMemberPrintsWhatItRuns() {
        assertThat(nodes.get(0).console.out()).contains("graft node 1 started: address 127.0.0.1:7401",
                "transport inmemory", "state machine kv", "codec kv-binary", "data dir none",
                "members 1 (127.0.0.1:7401), 2 (127.0.0.1:7402), 3 (127.0.0.1:7403)");
        assertThat(nodes.get(2).console.out()).contains("graft node 3 started: address 127.0.0.1:7403");
    }

    @Test
    void putThenGetReturnsTheValue() {
        assertThat(cli("put", "hello", "world")).isEqualTo(new Outcome(0, "OK (new key)", ""));
        assertThat(cli("get", "hello")).isEqualTo(new Outcome(0, "OK value=world", ""));
        assertThat(cli("put", "hello", "again")).isEqualTo(new Outcome(0, "OK previous=world", ""));
    }

    @Test
    void optionsGoBeforeOrAfterTheCommand() {
        assertThat(cli("--config", cluster.toString(), "--timeout", "10s", "put", "a", "1").code()).isZero();
        Outcome after = cli("get", "a", "--config", cluster.toString(), "--timeout", "10s");
        assertThat(after).isEqualTo(new Outcome(0, "OK value=1", ""));
    }

    @Test
    void anAbsentKeyIsNotFoundWithExitCodeOne() {
        assertThat(cli("get", "nothing")).isEqualTo(new Outcome(1, "NOT_FOUND", ""));
        assertThat(cli("delete", "nothing")).isEqualTo(new Outcome(0, "OK (was absent)", ""));
    }

    @Test
    void deleteReportsTheRemovedValue() {
        cli("put", "k", "v");
        assertThat(cli("delete", "k")).isEqualTo(new Outcome(0, "OK previous=v", ""));
        assertThat(cli("get", "k").code()).isEqualTo(1);
    }

    @Test
    void compareAndSetSwapsOnlyWhenTheExpectationHolds() {
        assertThat(cli("cas", "--expect-absent", "lock", "alice")).isEqualTo(new Outcome(0, "OK value=alice", ""));
        assertThat(cli("cas", "--expect-absent", "lock", "bob")).isEqualTo(new Outcome(1, "FAILED current=alice", ""));
        assertThat(cli("cas", "lock", "bob", "carol")).isEqualTo(new Outcome(1, "FAILED current=alice", ""));
        assertThat(cli("cas", "lock", "alice", "bob")).isEqualTo(new Outcome(0, "OK value=bob", ""));
        assertThat(cli("cas", "--delete", "lock", "bob")).isEqualTo(new Outcome(0, "OK (deleted)", ""));
        assertThat(cli("cas", "lock", "bob", "dave")).isEqualTo(new Outcome(1, "FAILED (absent)", ""));
        assertThat(cli("get", "lock")).isEqualTo(new Outcome(1, "NOT_FOUND", ""));
    }

    @Test
    void readSeesAPutWithoutGoingThroughTheLog() {
        assertThat(cli("put", "hello", "world").code()).isZero();
        assertThat(cli("read", "hello")).isEqualTo(new Outcome(0, "OK value=world", ""));
        assertThat(cli("read", "--lease", "hello")).isEqualTo(new Outcome(0, "OK value=world", ""));
        assertThat(cli("read", "nothing")).isEqualTo(new Outcome(1, "NOT_FOUND", ""));
    }

    @Test
    void stoppingAMemberClosesItAndExitsWithZero() {
        LaunchedNode first = nodes.get(0);
        assertThat(first.stop()).isZero();
        assertThat(first.console.out()).contains("graft node 1 stopped");
        // Two of three still form a majority.
        assertThat(cli("put", "after", "stop").code()).isZero();
    }
}
