package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.LeadershipTransferException;
import io.graft.api.Membership;
import io.graft.api.MembershipChangeException;
import io.graft.api.NotLeaderException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MembershipChangeTest {

    /**
     * Runs a membership change on the current leader until it succeeds, as an operator's tool would: a change
     * refused because another is in progress, or interrupted by a leader change, is tried again (the changes are
     * idempotent: adding a voter or removing an absent member completes at once).
     */
    private static void change(TestCluster<String, Integer> cluster,
                               Function<RaftNode<String, Integer>, CompletableFuture<Void>> op) {
        for (int attempt = 1; ; attempt++) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            try {
                op.apply(leader).get(20, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                boolean retry = cause instanceof MembershipChangeException || cause instanceof NotLeaderException
                        || cause instanceof OutcomeUnknownException || cause instanceof LeadershipTransferException;
                if (!retry || attempt == 20) {
                    throw new AssertionError("membership change failed: " + cluster.describe(), cause);
                }
                // Let the change in progress commit (or a new leader settle) before trying again.
                await().atMost(Duration.ofSeconds(10)).until(() -> cluster.leader()
                        .map(l -> l.membership().index() <= l.status().commitIndex()).orElse(false));
            } catch (Exception e) {
                throw new AssertionError("membership change did not complete: " + cluster.describe(), e);
            }
        }
    }

    private static void add(TestCluster<String, Integer> cluster, int id) {
        cluster.startJoining(id);
        change(cluster, leader -> leader.addMember(TestCluster.addressOf(id)));
    }

    private static void remove(TestCluster<String, Integer> cluster, int id) {
        change(cluster, leader -> leader.removeMember(id));
        cluster.crash(id);
    }

    private static void assertVoters(TestCluster<String, Integer> cluster, Integer... voters) {
        Membership m = cluster.awaitLeader().membership();
        assertThat(m.voters().keySet()).containsExactly(voters);
        assertThat(m.learners()).isEmpty();
    }

    private static void assertNoAcknowledgedWriteLost(TestCluster<String, Integer> cluster, List<String> acknowledged) {
        cluster.awaitConvergence();
        Membership m = cluster.awaitLeader().membership();
        for (int id : m.voters().keySet()) {
            assertThat(cluster.appliedCommands(id)).as("member %d", id).containsAll(acknowledged).doesNotHaveDuplicates();
        }
    }

    @Test
    void growsFromThreeToFiveAndShrinksBackUnderLoad() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            cluster.awaitLeader();
            List<String> acknowledged;
            try (WriteLoad load = new WriteLoad(cluster, 3)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() >= 30);
                add(cluster, 4);
                add(cluster, 5);
                assertVoters(cluster, 1, 2, 3, 4, 5);
                int before = load.acknowledgedCount();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() >= before + 30);
                remove(cluster, 5);
                remove(cluster, 4);
                assertVoters(cluster, 1, 2, 3);
                int after = load.acknowledgedCount();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() >= after + 30);
                acknowledged = load.stop();
            }
            assertNoAcknowledgedWriteLost(cluster, acknowledged);
            // The grown members applied what was written while they were in.
            assertThat(cluster.node(1).status().appliedIndex()).isGreaterThan(acknowledged.size());
        }
    }

    @Test
    void replacesEveryMemberOneByOne() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            cluster.awaitLeader();
            List<String> acknowledged;
            try (WriteLoad load = new WriteLoad(cluster, 2)) {
                for (int old = 1; old <= 3; old++) {
                    int required = load.acknowledgedCount() + 20;
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() >= required);
                    add(cluster, old + 3);
                    remove(cluster, old); // Sometimes the leader: it hands over once its removal commits.
                }
                int required = load.acknowledgedCount() + 20;
                await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedCount() >= required);
                acknowledged = load.stop();
            }
            assertVoters(cluster, 4, 5, 6);
            assertNoAcknowledgedWriteLost(cluster, acknowledged);
        }
    }

    @Test
    void leaderRemovesItselfThenStepsDownAndStaysQuiet() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("before").join();

            leader.removeMember(leader.id()).join();

            RaftNode<String, Integer> next = cluster.awaitLeaderAmong(cluster.othersThan(leader.id()));
            assertThat(next.membership().voters()).doesNotContainKey(leader.id()).hasSize(2);
            next.submit("after").join();
            long term = leader.status().term();
            // No longer a voter: it does not campaign, however long it hears nothing.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() ->
                    !leader.status().isLeader() && leader.status().term() == term);
            cluster.crash(leader.id());
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(next.id())).containsExactly("before", "after");
        }
    }

    @Test
    void newMemberReceivesASnapshotWhenTheLogItNeedsIsCompactedAndRestartsFromIt() {
        try (TestCluster<String, Integer> cluster = TestCluster.<String, Integer>builder(Words.CODEC,
                id -> new SnapshotTest.WordLog()).nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).snapshotEvery(500).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            List<CompletableFuture<Integer>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                writes.add(leader.submit("w" + i));
            }
            writes.forEach(CompletableFuture::join);
            cluster.awaitAppliedCount(2500);
            leader.takeSnapshot().join();

            add(cluster, 4);

            List<Applied<String>> applied = cluster.applied(4);
            assertThat(applied.isEmpty() || applied.get(0).index() > 1)
                    .as("member 4 started from a snapshot, not from index 1: %s", applied.isEmpty() ? "" : applied.get(0))
                    .isTrue();
            cluster.awaitLeader().submit("last").join();
            cluster.awaitConvergence();
            List<String> expected = ((SnapshotTest.WordLog) cluster.stateMachine(cluster.awaitLeader().id())).words();
            assertThat(((SnapshotTest.WordLog) cluster.stateMachine(4)).words()).hasSize(2501).isEqualTo(expected);

            // Restarted from its own storage (the received snapshot and the log after it), it still knows it votes.
            cluster.crash(4);
            RaftNode<String, Integer> restarted = cluster.restart(4);
            assertThat(restarted.membership().voters()).containsKey(4).hasSize(4);
            cluster.awaitConvergence();
        }
    }

    @Test
    void crashOfTheLeaderInTheMiddleOfAnAdditionLeavesAConsistentCluster() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            for (int i = 0; i < 200; i++) {
                leader.submit("w" + i);
            }
            leader.submit("last-before").join();
            cluster.startJoining(4);
            CompletableFuture<Void> adding = leader.addMember(TestCluster.addressOf(4));

            cluster.crash(leader.id()); // The addition may be anywhere: not sent, learner, promotion pending.

            assertThat(adding).failsWithin(Duration.ofSeconds(10));
            change(cluster, l -> l.addMember(TestCluster.addressOf(4))); // Finish it, or do it again.
            cluster.restart(leader.id());
            cluster.awaitLeader().submit("after").join();
            assertVoters(cluster, 1, 2, 3, 4);
            cluster.awaitConvergence();
            for (int id = 1; id <= 4; id++) {
                assertThat(cluster.node(id).membership().voters()).as("member %d", id).hasSize(4);
                assertThat(cluster.appliedCommands(id)).as("member %d", id).contains("last-before").endsWith("after");
            }
        }
    }

    @Test
    void restartedMemberTakesTheMembershipFromItsLogNotFromItsConfigurationFile() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            cluster.awaitLeader().submit("x").join();
            add(cluster, 4);
            int original = cluster.othersThan(4, cluster.awaitLeader().id()).iterator().next();
            assertThat(cluster.config().members()).doesNotContainKey(4);
            // The change commits on a majority, which need not include this member yet: wait for its log to hold it.
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node(original).membership().voters().size() == 4);

            cluster.crash(original);
            RaftNode<String, Integer> restarted = cluster.restart(original);

            assertThat(restarted.membership().voters()).containsOnlyKeys(1, 2, 3, 4);
            cluster.awaitConvergence();
        }
    }

    @Test
    void learnersFollowTheLogServeLocalReadsAndNeverVote() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("x").join();
            RaftNode<String, Integer> learner = cluster.startJoining(4);
            change(cluster, l -> l.addLearner(TestCluster.addressOf(4)));

            var written = cluster.awaitLeader().submitIndexed("y").join();
            assertThat(learner.readAtLeast(written.index(), "count").join()).isEqualTo(2);
            Membership m = cluster.awaitLeader().membership();
            assertThat(m.voters()).containsOnlyKeys(1, 2, 3);
            assertThat(m.learners()).containsOnlyKeys(4);
            assertThat(learner.membership().learners()).containsKey(4);

            cluster.isolate(4);
            long term = learner.status().term();
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() ->
                    learner.status().term() == term && !learner.status().isLeader());
            cluster.heal();
        }
    }
}
