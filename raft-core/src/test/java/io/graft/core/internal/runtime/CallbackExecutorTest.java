package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the futures a member returns complete: its callback thread by default, or the executor it was given. */
class CallbackExecutorTest {
    private static final ClusterConfig CLUSTER = ClusterConfig.builder().member(1, "a", 1).member(2, "b", 1)
            .member(3, "c", 1).electionTimeout(Duration.ofMillis(200)).build();

    /** Holds back applying the command "gate" until opened, so that callbacks are chained before anything completes. */
    static final class Gated implements StateMachine<String, Integer> {
        final CountDownLatch gate;
        int count;

        Gated(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public Integer apply(long index, String command) {
            if (command.equals("gate")) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ++count;
        }

        @Override
        public Integer query(String query) {
            return count;
        }
    }

    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<RaftNode<String, Integer>> nodes = new ArrayList<>();
    private ExecutorService appExecutor;

    @AfterEach
    void closeAll() {
        gate.countDown();
        nodes.forEach(RaftNode::close);
        if (appExecutor != null) {
            appExecutor.shutdownNow();
        }
    }

    private RaftNode<String, Integer> startCluster(Function<Graft.NodeBuilder<String, Integer>,
            Graft.NodeBuilder<String, Integer>> configure) {
        DirectNetwork net = new DirectNetwork();
        for (int id = 1; id <= 3; id++) {
            nodes.add(configure.apply(Graft.node(CLUSTER, id, new Gated(gate), LocalClusterSmokeTest.UTF8)
                    .transport(net.transport(id))).start());
        }
        // Settled: one leader that every member follows (a first election may be lost a moment after it is won).
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().filter(n -> n.status().isLeader()).count() == 1
                && nodes.stream().allMatch(n -> n.status().leaderId() == nodes.get(0).status().leaderId()));
        return nodes.stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
    }

    @Test
    void resultsCompleteOnTheMembersCallbackThreadInTheOrderProduced() {
        RaftNode<String, Integer> leader = startCluster(b -> b);
        List<CompletableFuture<String>> threads = new ArrayList<>();
        List<Integer> order = new CopyOnWriteArrayList<>();
        threads.add(leader.submit("gate").thenApply(n -> {
            order.add(n);
            return Thread.currentThread().getName();
        }));
        for (int i = 0; i < 500; i++) {
            threads.add(leader.submit("c" + i).thenApply(n -> {
                order.add(n);
                return Thread.currentThread().getName();
            }));
        }
        gate.countDown();

        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(threads).allSatisfy(t -> assertThat(t.join()).isEqualTo("graft-callbacks-" + leader.id()));
        assertThat(order).hasSize(501).isSorted();
    }

    @Test
    void anExecutorGivenToTheBuilderCompletesThemInstead() {
        appExecutor = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-callbacks"));
        RaftNode<String, Integer> leader = startCluster(b -> b.callbackExecutor(appExecutor));
        long gateIndex = leader.status().lastLogIndex() + 1;
        CompletableFuture<String> submitted = leader.submit("gate").thenApply(n -> Thread.currentThread().getName());
        CompletableFuture<String> read = leader.readAtLeast(gateIndex, "q")
                .thenApply(n -> Thread.currentThread().getName());
        gate.countDown();

        assertThat(submitted.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("app-callbacks");
        assertThat(read.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("app-callbacks");
    }

    @Test
    void closeCompletesWhatIsQueuedAndWhenStoppedOnTheCallbackThread() {
        RaftNode<String, Integer> leader = startCluster(b -> b);
        CompletableFuture<Thread> stopped = leader.whenStopped().toCompletableFuture()
                .thenApply(nothing -> Thread.currentThread());
        CompletableFuture<Integer> pending = leader.submit("gate");

        CompletableFuture.runAsync(leader::close);
        gate.countDown();

        Thread callbackThread = stopped.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(callbackThread.getName()).isEqualTo("graft-callbacks-" + leader.id());
        assertThat(pending).isDone();
        await().atMost(Duration.ofSeconds(10)).until(() -> !callbackThread.isAlive());
    }
}
