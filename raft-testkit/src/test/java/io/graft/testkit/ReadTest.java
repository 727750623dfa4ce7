package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.api.IndexedResult;
import io.graft.api.LeadershipTransferException;
import io.graft.api.NotCommittedException;
import io.graft.api.NotLeaderException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftNode;
import io.graft.api.ReadConsistency;
import io.graft.api.StateMachine;
import io.graft.testkit.history.CheckResult;
import io.graft.testkit.history.CounterModel;
import io.graft.testkit.history.History;
import io.graft.testkit.history.LinearizabilityChecker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadTest {

    @Test
    void linearizableReadOnTheLeaderSeesEveryAcknowledgedWrite() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            for (int i = 1; i <= 20; i++) {
                int count = leader.submit("w" + i).join();
                assertThat(leader.read("count").join()).isEqualTo(count);
                assertThat(leader.read("count", ReadConsistency.LEASE).join()).isEqualTo(count);
            }
            int follower = cluster.othersThan(leader.id()).iterator().next();
            assertThatThrownBy(() -> cluster.node(follower).read("count").join())
                    .cause().isInstanceOf(NotLeaderException.class);
        }
    }

    @Test
    void staleLeaderNeverServesAReadMissingAWriteTheNewLeaderAcknowledged() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> old = cluster.awaitLeader();
            old.submit("first").join();
            cluster.isolate(old.id());
            RaftNode<String, Integer> fresh = cluster.awaitLeaderAmong(cluster.othersThan(old.id()));
            int acknowledged = fresh.submit("second").join();
            assertThat(acknowledged).isEqualTo(2);

            // The old leader may not know yet that it was deposed: it must refuse, never answer 1.
            List<CompletableFuture<Integer>> reads = new ArrayList<>();
            for (ReadConsistency consistency : ReadConsistency.values()) {
                reads.add(old.read("count", consistency));
            }
            for (CompletableFuture<Integer> read : reads) {
                try {
                    assertThat(read.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(acknowledged);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(NotLeaderException.class);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            cluster.heal();
            cluster.awaitConvergence();
        }
    }

    @Test
    void readsInAConcurrentHistoryWithLeaderChangesAreLinearizable() throws Exception {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(30)).start()) {
            cluster.awaitLeader();
            History<CounterModel.Op, Long> history = new History<>();
            AtomicInteger reads = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int c = 0; c < 6; c++) {
                boolean writer = c < 2;
                ReadConsistency consistency = c % 2 == 0 ? ReadConsistency.LINEARIZABLE : ReadConsistency.LEASE;
                int client = c;
                clients.execute(() -> {
                    int n = 0;
                    while (running.get()) {
                        Optional<RaftNode<String, Integer>> leader = cluster.leader();
                        if (leader.isEmpty()) {
                            Thread.onSpinWait();
                            continue;
                        }
                        History.Pending<CounterModel.Op, Long> op = history.invoke(client,
                                writer ? CounterModel.Op.INCREMENT : CounterModel.Op.READ);
                        try {
                            int value = writer ? leader.get().submit("c" + client + "-" + n++).get(5, TimeUnit.SECONDS)
                                    : leader.get().read("count", consistency).get(5, TimeUnit.SECONDS);
                            op.ok((long) value);
                            if (!writer) {
                                reads.incrementAndGet();
                            }
                        } catch (Exception e) {
                            recordFailure(op, writer, e);
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() >= 300);
            int leader = cluster.awaitLeader().id();
            int next = cluster.othersThan(leader).iterator().next();
            cluster.node(leader).transferLeadership(next).exceptionally(e -> null).join();
            cluster.isolate(next); // And a deposition while reads are in flight.
            int readsBefore = reads.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() >= readsBefore + 300);
            cluster.heal();
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

            CheckResult result = LinearizabilityChecker.check(new CounterModel(), history.operations(),
                    Duration.ofSeconds(30));
            assertThat(result.isLinearizable()).as(() -> result.report(history.originNanos())).isTrue();
            assertThat(result.operationsChecked()).as("every successful read was checked").isGreaterThanOrEqualTo(600);
            System.out.println("ReadTest history: " + result.report(history.originNanos()));
        }
    }

    /**
     * A write refused before anything was appended (or whose entry was overwritten) did not happen; any other
     * failed write may have, at any time; a failed read constrains nothing.
     */
    private static void recordFailure(History.Pending<CounterModel.Op, Long> op, boolean write, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        boolean notAppended = cause instanceof NotLeaderException || cause instanceof OverloadedException
                || cause instanceof LeadershipTransferException || cause instanceof NotCommittedException;
        if (!write || notAppended) {
            op.fail();
        } else {
            op.unknown();
        }
    }

    @Test
    void followerReadAtTheIndexOfOnesOwnWriteSeesThatWrite() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            Set<Integer> followers = cluster.othersThan(leader.id());
            int lagging = followers.iterator().next();
            cluster.isolate(lagging);

            IndexedResult<Integer> written = leader.submitIndexed("mine").join();
            assertThat(written.result()).isEqualTo(1);
            assertThat(written.index()).isPositive();
            for (int id : followers) {
                if (id != lagging) {
                    assertThat(cluster.node(id).readAtLeast(written.index(), "count").join()).isEqualTo(1);
                }
            }
            // The cut-off follower cannot have the write: it waits rather than answer from the past.
            CompletableFuture<Integer> waiting = cluster.node(lagging).readAtLeast(written.index(), "count");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
            cluster.heal();
            assertThat(waiting).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1);
        }
    }

    @Test
    void readsFailClearlyWhenTheStateMachineAnswersNoQueries() {
        StateMachine<String, Integer> noQueries = (index, command) -> 0;
        try (TestCluster<String, Integer> cluster = TestCluster.builder(Words.CODEC, id -> noQueries).nodes(1).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("x").join();
            assertThatThrownBy(() -> leader.read("x").join()).cause().isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("query");
        }
    }
}
