package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Path;
import java.time.Duration;
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
    void statusNamesTheLeaderAndEveryMember() {
        Outcome status = cli("status");
        assertThat(status.code()).as(status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(4);
        String leaderLine = lines.get(3);
        assertThat(leaderLine).matches("leader: member [123]");
        String leader = leaderLine.substring("leader: member ".length());
        assertThat(lines.subList(0, 3)).allSatisfy(line -> assertThat(line)
                .matches("member [123]  127\\.0\\.0\\.1:740[123]  .* ms")
                .satisfiesAnyOf(l -> assertThat(l).startsWith("member " + leader + " ").contains(" leader "),
                        l -> assertThat(l).contains("follower, leader is " + leader)));
    }

    @Test
    void readSeesAPutWithoutGoingThroughTheLog() {
        assertThat(cli("put", "hello", "world").code()).isZero();
        assertThat(cli("read", "hello")).isEqualTo(new Outcome(0, "OK value=world", ""));
        assertThat(cli("read", "--lease", "hello")).isEqualTo(new Outcome(0, "OK value=world", ""));
        assertThat(cli("read", "nothing")).isEqualTo(new Outcome(1, "NOT_FOUND", ""));
    }

    @Test
    void transferMakesTheNamedMemberLead() {
        int leader = leader();
        int target = leader % 3 + 1;
        assertThat(cli("transfer", Integer.toString(target))).isEqualTo(new Outcome(0, "OK member " + target + " leads", ""));
        assertThat(leader()).isEqualTo(target);
        assertThat(cli("put", "after", "transfer").code()).isZero();
    }

    @Test
    void transferToAStrangerIsRefusedWithExitCodeOne() {
        Outcome refused = cli("transfer", "9");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("graft-cli: refused:", "member 9", "not a voter");
    }

    @Test
    void membersListsTheBootstrapMembers() {
        assertThat(cli("members")).isEqualTo(new Outcome(0, """
                member 1  127.0.0.1:7401  voter
                member 2  127.0.0.1:7402  voter
                member 3  127.0.0.1:7403  voter
                configuration: the cluster file's members (no change made yet)""", ""));
    }

    @Test
    void aFourthMemberJoinsThroughTheClientAndIsRemovedAgain() {
        // The new member's file lists it too; --join makes it wait for the leader instead of campaigning.
        Path withFour = ClusterFiles.write(dir, "with-four.yaml", ClusterFiles.inMemoryKv(network, List.of(1, 2, 3, 4)));
        LaunchedNode four = LaunchedNode.start(Map.of(), "--config", withFour.toString(), "--id", "4", "--join");
        nodes.add(four);
        assertThat(four.console.out()).contains("graft node 4 started", "joining: waits for the leader");
        // A leader takes membership changes once it has committed an entry of its term (else: "retry in a moment").
        assertThat(cli("put", "three", "members").code()).isZero();

        assertThat(cli("add-member", "4", "127.0.0.1:7404"))
                .isEqualTo(new Outcome(0, "OK member 4 (127.0.0.1:7404) is a voter", ""));
        Outcome members = cli("members");
        assertThat(members.out()).contains("member 4  127.0.0.1:7404  voter").containsPattern("log index \\d+");
        assertThat(cli("put", "four", "joined").code()).isZero();
        assertThat(cli("read", "four")).isEqualTo(new Outcome(0, "OK value=joined", ""));

        assertThat(cli("remove-member", "4")).isEqualTo(new Outcome(0, "OK member 4 removed; shut it down", ""));
        assertThat(cli("members").out()).doesNotContain("member 4").contains("member 1", "member 2", "member 3");
        assertThat(four.stop()).isZero();
        assertThat(cli("put", "four", "gone").code()).isZero();
    }

    @Test
    void badMemberIdsAndAddressesAreUsageErrors() {
        assertThat(cli("transfer", "0").code()).isEqualTo(2);
        Outcome url = cli("add-member", "4", "http://127.0.0.1:7404");
        assertThat(url.code()).isEqualTo(2);
        assertThat(url.err()).contains("member 4's address", "is a URL");
        assertThat(cli("remove-member", "-1").code()).isEqualTo(2);
        assertThat(cli("add-learner", "4").code()).isEqualTo(2);
    }

    /** The leader, as {@code status} reports it; asked again while an election leaves none to report. */
    private int leader() {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Outcome status = cli("status");
            assertThat(status.code()).as(status.err()).isZero();
            String last = status.out().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(last).startsWith("leader: member ");
            leader[0] = Integer.parseInt(last.substring("leader: member ".length()));
        });
        return leader[0];
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
