package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.node.json.TestJson;
import io.graft.node.tool.GraftTool;
import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft} against members of a state machine other than the key-value example (the {@link CounterProvider
 * counter}), started through the launcher's code path on a named in-memory network: every command, and what it
 * prints when members are down.
 */
class GraftToolTest {
    /** A status line of a member that answered; group 1 is the id, 2 the role, 3 the leader it names. */
    static final Pattern ANSWERED = Pattern.compile("member ([0-9]+)  127\\.0\\.0\\.1:[0-9]+ *  ([a-z-]+) +term"
            + " [0-9]+  leader ([0-9]+|-)  commit [0-9]+  applied [0-9]+  lag [0-9]+  [0-9]+\\.[0-9] ms");

    @TempDir
    Path dir;

    private final String network = "tool-" + System.nanoTime();
    private final List<LaunchedNode> nodes = new ArrayList<>();
    private Path cluster;

    /** The tool's exit code and what it printed. */
    record Outcome(int code, String out, String err) {
        List<String> lines() {
            return out.strip().lines().toList();
        }
    }

    @BeforeEach
    void writeTheClusterFile() {
        cluster = ClusterFiles.write(dir, "cluster.yaml", ClusterFiles.inMemoryCounter(network, List.of(1, 2, 3)));
    }

    @AfterEach
    void stopMembers() {
        nodes.forEach(LaunchedNode::close);
        InMemoryNetwork.named(network).close();
    }

    private LaunchedNode start(int id) {
        return start(cluster, id);
    }

    private LaunchedNode start(Path file, int id, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", file.toString(), "--id", Integer.toString(id)));
        args.addAll(List.of(more));
        LaunchedNode node = LaunchedNode.start(Map.of(), args.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private void startAll() {
        start(1);
        start(2);
        start(3);
    }

    private Outcome tool(String... args) {
        Console console = new Console();
        int code = GraftTool.run(args, console.out, console.err, Map.of(ClusterFile.ENV, cluster.toString()));
        return new Outcome(code, console.out(), console.err());
    }

    /** The leader, once status finds one (asked again while an election leaves none). */
    private int leader() {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Outcome status = tool("status");
            assertThat(status.code()).as(status.err()).isZero();
            String last = status.lines().get(status.lines().size() - 1);
            Matcher m = Pattern.compile("leader: member ([0-9]+) \\(term [0-9]+\\)").matcher(last);
            assertThat(m.matches()).as(last).isTrue();
            leader[0] = Integer.parseInt(m.group(1));
        });
        return leader[0];
    }

    @Test
    void statusPrintsEveryMemberThenTheLeader() {
        startAll();
        int leader = leader();

        Outcome status = tool("status");

        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.err()).isEmpty();
        List<String> lines = status.lines();
        assertThat(lines).hasSize(4);
        List<String> ids = new ArrayList<>();
        for (String line : lines.subList(0, 3)) {
            Matcher m = ANSWERED.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            ids.add(m.group(1));
            assertThat(m.group(2)).isEqualTo(m.group(1).equals(Integer.toString(leader)) ? "leader" : "follower");
            assertThat(m.group(3)).isEqualTo(Integer.toString(leader));
        }
        assertThat(ids).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(lines.get(3)).startsWith("leader: member " + leader + " (term ");
    }

    @Test
    void reportShowsTheLeadersViewAsATableOrAsJson() {
        startAll();
        int leader = leader();

        Outcome table = tool("report");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("member          " + leader + " (127.0.0.1:740" + leader + ")",
                "role            leader", "leader          member " + leader, "followers",
                "MEMBER  VOTES  MATCH  NEXT  IN FLIGHT  MODE", "replicate");

        Outcome json = tool("report", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> report = TestJson.object(json.out());
        assertThat(report).containsEntry("memberId", (long) leader).containsEntry("role", "LEADER")
                .containsEntry("leaderId", (long) leader).containsEntry("failure", null);
        assertThat((List<?>) report.get("followers")).hasSize(2);
        assertThat(((Map<?, ?>) report.get("membership")).get("index")).isEqualTo(0L);

        int follower = leader % 3 + 1;
        Map<String, Object> theirs = TestJson.object(tool("report", "--member", Integer.toString(follower), "--json").out());
        assertThat(theirs).containsEntry("memberId", (long) follower).containsEntry("role", "FOLLOWER")
                .containsEntry("leaderId", (long) leader);
        assertThat((List<?>) theirs.get("followers")).isEmpty();
    }

    @Test
    void transferMovesLeadershipAndMembersListsTheBootstrapMembers() {
        startAll();
        int target = leader() % 3 + 1;

        assertThat(tool("transfer", Integer.toString(target)))
                .isEqualTo(new Outcome(0, "OK member " + target + " leads\n", ""));
        assertThat(leader()).isEqualTo(target);
        assertThat(tool("members")).isEqualTo(new Outcome(0, """
                member 1  127.0.0.1:7401  voter
                member 2  127.0.0.1:7402  voter
                member 3  127.0.0.1:7403  voter
                configuration: the cluster file's members (no change made yet)
                """, ""));
        Outcome refused = tool("transfer", "9");
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("graft: refused:", "member 9", "not a voter");
        Outcome stranger = tool("report", "--member", "9");
        assertThat(stranger.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(stranger.err()).contains("member 9 is neither in the cluster file nor in the cluster's membership");
    }

    @Test
    void aLearnerJoinsIsShownByStatusAndIsRemovedAgain() {
        startAll();
        int leader = leader();
        // The new member's file lists it; the tool's does not, and finds it through the membership.
        Path withFour = ClusterFiles.write(dir, "with-four.yaml",
                ClusterFiles.inMemoryCounter(network, List.of(1, 2, 3, 4)));
        LaunchedNode four = start(withFour, 4, "--join");

        assertThat(tool("add-learner", "4", "127.0.0.1:7404"))
                .isEqualTo(new Outcome(0, "OK member 4 (127.0.0.1:7404) is a learner\n", ""));
        assertThat(tool("members").out()).contains("member 4  127.0.0.1:7404  learner")
                .containsPattern("configuration: log index [0-9]+");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Outcome status = tool("status");
            assertThat(status.lines()).hasSize(5).anySatisfy(line -> assertThat(line)
                    .startsWith("member 4  127.0.0.1:7404  learner").contains("leader " + leader));
        });
        Map<String, Object> report = TestJson.object(tool("report", "--member", "4", "--json").out());
        assertThat(report).containsEntry("memberId", 4L).containsEntry("role", "FOLLOWER");

        assertThat(tool("remove-member", "4"))
                .isEqualTo(new Outcome(0, "OK member 4 removed; shut it down\n", ""));
        assertThat(tool("members").out()).doesNotContain("member 4");
        assertThat(four.stop()).isZero();
        assertThat(tool("status").lines()).hasSize(4);
    }

    @Test
    void snapshotAnswersTheIndexOfTheLeaderOrOfTheMemberNamed() {
        startAll();
        int leader = leader();

        Outcome onLeader = tool("snapshot");
        assertThat(onLeader.code()).as(onLeader.err()).isZero();
        assertThat(onLeader.out()).matches("OK member " + leader + " took a snapshot up to index [1-9][0-9]*\n");

        int follower = leader % 3 + 1;
        Outcome onFollower = tool("snapshot", "--member", Integer.toString(follower));
        assertThat(onFollower.code()).as(onFollower.err()).isZero();
        assertThat(onFollower.out()).startsWith("OK member " + follower + " took a snapshot up to index ");
        assertThat(TestJson.object(tool("report", "--member", Integer.toString(follower), "--json").out())
                .get("snapshotIndex")).isNotEqualTo(0L);
    }

    @Test
    void aMemberThatIsDownIsReportedWithoutWaitingForTheTimeout() {
        startAll();
        assertThat(nodes.get(0).stop()).isZero();
        leader(); // Among the two others, after an election if member 1 led.
        Duration timeout = Duration.ofSeconds(30);

        long started = System.nanoTime();
        Outcome status = tool("--timeout", timeout.toSeconds() + "s", "status");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(status.code()).as(status.err()).isZero();
        List<String> lines = status.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo("member 1  127.0.0.1:7401  no answer within 1 s");
        assertThat(lines.get(3)).matches("leader: member [23] \\(term [0-9]+\\)");
        assertThat(elapsed).isLessThan(timeout.dividedBy(2));
        Outcome report = tool("--timeout", "1s", "report", "--member", "1");
        assertThat(report.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(report.err()).contains("no answer from the cluster within 1 s");
    }

    @Test
    void withoutAMajorityStatusSaysNoLeaderIsElectedYet() {
        start(1);

        Outcome status = tool("--timeout", "1s", "status");

        assertThat(status.code()).isEqualTo(ExitCodes.UNREACHABLE);
        List<String> lines = status.lines();
        assertThat(lines).hasSize(3);
        Matcher m = ANSWERED.matcher(lines.get(0));
        assertThat(m.matches()).as(lines.get(0)).isTrue();
        assertThat(m.group(1)).isEqualTo("1");
        assertThat(m.group(3)).isEqualTo("-");
        assertThat(lines.subList(1, 3)).containsExactlyInAnyOrder("member 2  127.0.0.1:7402  no answer within 1 s",
                "member 3  127.0.0.1:7403  no answer within 1 s");
        assertThat(status.err()).contains("no member answered as leader", "no leader is elected yet");
    }
}
