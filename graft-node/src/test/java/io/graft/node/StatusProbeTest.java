package io.graft.node;

import static io.graft.node.ScriptedClientTransport.follows;
import static io.graft.node.ScriptedClientTransport.leads;
import static io.graft.node.ScriptedClientTransport.silent;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.config.ClusterConfig;
import io.graft.core.config.ClusterConfigLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code status} reports members: each as soon as its answer is final, waiting for an election if need be. */
class StatusProbeTest {
    private static final ClusterConfig CLUSTER = ClusterConfigLoader.parse(
            ClusterFiles.inMemoryKv("unused", List.of(1, 2, 3)), "cluster.yaml");
    private static final byte[] READ = "read".getBytes(StandardCharsets.UTF_8);

    private final List<MemberAnswer> reported = new ArrayList<>();

    private List<MemberAnswer> probe(ScriptedClientTransport transport, Duration timeout) throws InterruptedException {
        List<MemberAnswer> answers = StatusProbe.probe(CLUSTER, transport, READ, timeout, reported::add);
        assertThat(answers).as("what was reported, in that order").isEqualTo(reported);
        return answers;
    }

    private static List<String> lines(List<MemberAnswer> answers) {
        return answers.stream().map(a -> a.member().id() + ": " + a.describe()).toList();
    }

    @Test
    void itWaitsForAnElectionWhenNoLeaderIsKnownYet() throws InterruptedException {
        // Members that have just started know no leader until their third request; then member 2 leads.
        ScriptedClientTransport transport = new ScriptedClientTransport(Map.of(
                1, n -> n < 3 ? follows(0) : follows(2),
                2, n -> n < 3 ? follows(0) : leads(),
                3, n -> n < 3 ? follows(0) : follows(2)));

        List<MemberAnswer> answers = probe(transport, Duration.ofSeconds(30));

        assertThat(transport.requestsTo(2)).as("asked again while no leader was known").isEqualTo(3);
        assertThat(lines(answers)).containsExactly("1: follower, leader is 2", "2: leader", "3: follower, leader is 2");
    }

    @Test
    void aMemberThatIsDownIsReportedLastAndLongBeforeTheTimeout() throws InterruptedException {
        Duration timeout = Duration.ofSeconds(30);
        ScriptedClientTransport transport = new ScriptedClientTransport(Map.of(
                1, n -> silent(),
                2, n -> leads(),
                3, n -> follows(2)));

        long start = System.nanoTime();
        List<MemberAnswer> answers = probe(transport, timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(lines(answers)).containsExactly("2: leader", "3: follower, leader is 2", "1: no answer within 1 s");
        assertThat(elapsed).isLessThan(timeout.dividedBy(2));
    }

    @Test
    void followersNamingALeaderThatDoesNotAnswerAreAskedAgainUntilTheNextOneLeads() throws InterruptedException {
        // Member 1 led and crashed: the others name it until they elect member 3.
        ScriptedClientTransport transport = new ScriptedClientTransport(Map.of(
                1, n -> silent(),
                2, n -> n < 3 ? follows(1) : follows(3),
                3, n -> n < 3 ? follows(1) : leads()));

        List<MemberAnswer> answers = probe(transport, Duration.ofSeconds(30));

        assertThat(lines(answers)).containsExactly("2: follower, leader is 3", "3: leader", "1: no answer within 1 s");
    }

    @Test
    void withoutALeaderEveryMemberIsReportedAtTheTimeoutWithItsLastAnswer() throws InterruptedException {
        ScriptedClientTransport transport = new ScriptedClientTransport(Map.of(
                1, n -> follows(0),
                2, n -> silent(),
                3, n -> follows(0)));

        List<MemberAnswer> answers = probe(transport, Duration.ofMillis(600));

        assertThat(lines(answers)).containsExactly("1: not leader, no leader known", "2: no answer within 600 ms",
                "3: not leader, no leader known");
        assertThat(answers).noneMatch(MemberAnswer::leads);
    }

    @Test
    void theSilenceGraceIsTwoElectionTimeoutsAtLeastOneSecondAndAtMostTheTimeout() {
        assertThat(StatusProbe.silenceGrace(CLUSTER, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(StatusProbe.silenceGrace(CLUSTER, Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
        ClusterConfig slow = ClusterConfigLoader.parse(ClusterFiles.inMemoryKv("unused", List.of(1, 2, 3))
                .replace("electionTimeout: 100", "electionTimeout: 2000"), "slow.yaml");
        assertThat(StatusProbe.silenceGrace(slow, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(4));
    }
}
