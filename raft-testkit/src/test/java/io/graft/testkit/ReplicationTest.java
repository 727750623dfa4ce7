package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.NotCommittedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void isolatedFollowerCatchesUpAndAgrees() {
        try (TestCluster<String, Integer> cluster = Words.stableCluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            cluster.isolate(follower);
            for (int i = 0; i < 100; i++) {
                leader.submit("w" + i).join(); // A majority of two still commits.
            }
            assertThat(cluster.appliedCommands(follower)).isEmpty();
            cluster.reconnect(follower);
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(follower)).hasSize(100).startsWith("w0").endsWith("w99");
        }
    }

    @Test
    void nothingCommitsWithoutAMajority() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("committed").join();
            long commit = leader.status().commitIndex();
            for (int id : cluster.othersThan(leader.id())) {
                cluster.isolate(id);
            }
            CompletableFuture<Integer> lonely = leader.submit("lonely");
            await().atMost(Duration.ofSeconds(5)).until(lonely::isDone);
            assertThat(lonely).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(OutcomeUnknownException.class);
            assertThat(cluster.runningNodes()).allMatch(n -> n.status().commitIndex() <= commit + 0
                    || n.id() == leader.id() && n.status().commitIndex() == commit);
            for (int id : cluster.memberIds()) {
                assertThat(cluster.appliedCommands(id)).doesNotContain("lonely");
            }
            cluster.heal();
            cluster.awaitLeader().submit("after").join();
            cluster.awaitConvergence();
        }
    }

    @Test
    void partitionedLeadersUncommittedEntriesAreDiscarded() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(5).start()) {
            RaftNode<String, Integer> old = cluster.awaitLeader();
            old.submit("shared").join();
            int[] minority = {old.id(), cluster.othersThan(old.id()).iterator().next()};
            cluster.partition(java.util.Set.of(minority[0], minority[1]), cluster.othersThan(minority));
            List<CompletableFuture<Integer>> doomed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                doomed.add(old.submit("doomed" + i));
            }
            RaftNode<String, Integer> fresh = cluster.awaitLeaderAmong(cluster.othersThan(minority));
            for (int i = 0; i < 20; i++) {
                fresh.submit("majority" + i).join();
            }
            cluster.heal();
            cluster.awaitConvergence();
            for (CompletableFuture<Integer> f : doomed) {
                assertThat(f).failsWithin(Duration.ofSeconds(5))
                        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .satisfies(e -> assertThat(e.getCause()).isInstanceOfAny(OutcomeUnknownException.class,
                                NotCommittedException.class));
            }
            for (int id : cluster.memberIds()) {
                assertThat(cluster.appliedCommands(id)).noneMatch(c -> c.startsWith("doomed"))
                        .contains("shared", "majority0", "majority19");
            }
        }
    }

    @Test
    void concurrentSubmitsAreAllAppliedOnceInOneOrder() throws Exception {
        try (TestCluster<String, Integer> cluster = Words.stableCluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Integer>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < 1000; i++) {
                        futures.add(leader.submit("t" + thread + "-" + i));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            List<Integer> results = futures.stream().map(CompletableFuture::join).sorted().toList();
            // Each command got a distinct position in the sequence: results are 1..8000.
            assertThat(results).hasSize(8000).doesNotHaveDuplicates().startsWith(1).endsWith(8000);
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(leader.id())).hasSize(8000).doesNotHaveDuplicates();
        }
    }

    @Test
    void farBehindFollowerCatchesUpInBatchesNotOneEntryPerRoundTrip() {
        try (TestCluster<String, Integer> cluster = Words.stableCluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            cluster.isolate(follower);
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                fs.add(leader.submit("e" + i));
            }
            fs.forEach(CompletableFuture::join);
            long sentBefore = cluster.stats(leader.id()).messagesSent();
            cluster.reconnect(follower);
            cluster.awaitConvergence();
            long sent = cluster.stats(leader.id()).messagesSent() - sentBefore;
            // One entry per round trip would need 5,000 requests; batches need a few (plus heartbeats).
            assertThat(sent).isLessThan(500);
            assertThat(cluster.appliedCommands(follower)).hasSize(5_000);
        }
    }

    @Test
    void failedStateMachineCommandFailsOnlyItsFutureAndEveryReplicaAgrees() {
        try (TestCluster<String, Integer> cluster = TestCluster.<String, Integer>builder(Words.CODEC, id -> (index, cmd) -> {
            if (cmd.equals("boom")) {
                throw new IllegalArgumentException("boom is not a word");
            }
            return cmd.length();
        }).electionTimeout(Duration.ofMillis(500)).heartbeatInterval(Duration.ofMillis(50)).nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            assertThat(leader.submit("ok").join()).isEqualTo(2);
            assertThat(leader.submit("boom")).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IllegalArgumentException.class);
            assertThat(leader.submit("fine").join()).isEqualTo(4);
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(leader.id())).containsExactly("ok", "boom", "fine");
        } catch (CompletionException e) {
            throw e;
        }
    }
}
