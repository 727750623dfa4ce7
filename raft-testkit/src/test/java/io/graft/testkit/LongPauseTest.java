package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Long pauses (a GC, a frozen VM) of a follower or of the leader cause at most one election after they end
 * (issue 8). A paused member's clock stands still and its links are cut ({@link TestCluster#pause}); on
 * resuming, its clock jumps ahead by the pause, so all its timers are overdue at once, as after a real pause.
 * Elections are counted by terms: every election raises the term of the members taking part, and terms never
 * go down, so a term still at its old value at the end of the watch proves that no election happened.
 */
class LongPauseTest {
    /** Wide timeouts: the test watches for elections, so a loaded machine must not cause one. */
    private static final Duration ELECTION_TIMEOUT = Duration.ofMillis(300);
    /** Several election timeouts (each member waits 300 to 600 ms before campaigning). */
    private static final Duration PAUSE = ELECTION_TIMEOUT.multipliedBy(4);
    /** How long the cluster is watched after the pause for a late election. */
    private static final Duration WATCH = ELECTION_TIMEOUT.multipliedBy(5);

    private static TestCluster<String, Integer> cluster() {
        return Words.cluster().nodes(3).electionTimeout(ELECTION_TIMEOUT).heartbeatInterval(Duration.ofMillis(30))
                .start();
    }

    /** Asserts that every running member is in {@code term} and that {@code leader} leads it. */
    private static void assertStable(TestCluster<String, Integer> cluster, RaftNode<String, Integer> leader, long term) {
        assertThat(leader.status().isLeader() && cluster.runningNodes().stream().allMatch(n -> n.status().term() == term))
                .as(() -> "member " + leader.id() + " leads term " + term + " and nobody campaigned: " + cluster.describe())
                .isTrue();
    }

    /** Asserts that {@code member} follows {@code leader} in {@code term}. */
    private static void assertFollows(TestCluster<String, Integer> cluster, int member, RaftNode<String, Integer> leader,
                                      long term) {
        assertThat(cluster.node(member).status().term() == term && cluster.node(member).status().leaderId() == leader.id())
                .as(() -> "member " + member + " follows member " + leader.id() + " in term " + term + ": "
                        + cluster.describe())
                .isTrue();
    }

    @Test
    void aFollowerPausedForSeveralElectionTimeoutsRejoinsWithoutAnyElection() {
        try (TestCluster<String, Integer> cluster = cluster()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("before").join();
            long term = leader.status().term();
            int follower = cluster.othersThan(leader.id()).iterator().next();

            cluster.pause(follower);
            // The pause lasts several election timeouts; the rest of the cluster carries on undisturbed.
            await().during(PAUSE).atMost(PAUSE.multipliedBy(3)).untilAsserted(() -> assertStable(cluster, leader, term));
            leader.submit("during").join();
            cluster.resume(follower);

            // Its election timer is long overdue, yet pre-vote keeps it from raising its term: no election at all.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertFollows(cluster, follower, leader, term));
            await().during(WATCH).atMost(WATCH.multipliedBy(3)).untilAsserted(() -> assertStable(cluster, leader, term));
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(follower)).containsExactly("before", "during");
        }
    }

    @Test
    void aLeaderPausedForSeveralElectionTimeoutsIsReplacedOnceAndThenFollows() {
        try (TestCluster<String, Integer> cluster = cluster()) {
            RaftNode<String, Integer> old = cluster.awaitLeader();
            old.submit("before").join();
            long oldTerm = old.status().term();

            cluster.pause(old.id());
            // While it is frozen, the others elect one leader among themselves...
            RaftNode<String, Integer> fresh = cluster.awaitLeaderAmong(cluster.othersThan(old.id()));
            long term = fresh.status().term();
            assertThat(term).isGreaterThan(oldTerm);
            fresh.submit("during").join();
            // ...and keep it for the rest of the pause, several election timeouts.
            await().during(PAUSE).atMost(PAUSE.multipliedBy(3)).untilAsserted(() -> {
                for (int id : cluster.othersThan(old.id())) {
                    assertFollows(cluster, id, fresh, term);
                }
            });
            assertThat(old.status().term()).as("the paused leader saw nothing").isEqualTo(oldTerm);

            cluster.resume(old.id());
            // It wakes up believing it leads, with every timer overdue: it must learn of the new term and follow,
            // not campaign. No election after the pause: the term stays the one elected during it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertFollows(cluster, old.id(), fresh, term));
            await().during(WATCH).atMost(WATCH.multipliedBy(3)).untilAsserted(() -> assertStable(cluster, fresh, term));
            fresh.submit("after").join();
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(old.id())).containsExactly("before", "during", "after");
        }
    }
}
