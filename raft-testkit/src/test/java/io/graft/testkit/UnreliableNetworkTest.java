package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.NotCommittedException;
import io.graft.api.NotLeaderException;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UnreliableNetworkTest {

    @Test
    void manyConcurrentSubmitsConvergeDespiteDropsDuplicatesAndReordering() throws Exception {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(5).seed(7).start()) {
            cluster.awaitLeader();
            cluster.unreliable(0.05, 0.05, Duration.ofMillis(3));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                int client = c;
                clients.execute(() -> {
                    for (int i = 0; i < 100; i++) {
                        String cmd = "c" + client + "-" + i;
                        if (submitUntilKnown(cluster, cmd)) {
                            acknowledged.add(cmd);
                        }
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            cluster.reliable();
            cluster.awaitLeader().submit("final").join();
            cluster.awaitConvergence();
            List<String> applied = cluster.appliedCommands(1);
            assertThat(applied).containsAll(acknowledged);
            assertThat(acknowledged).hasSizeGreaterThan(400); // Most commands got through despite the faults.
        }
    }

    /** Submits at the current leader; retries only when the command definitely did not commit. */
    private static boolean submitUntilKnown(TestCluster<String, Integer> cluster, String cmd) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<RaftNode<String, Integer>> leader = cluster.leader();
            if (leader.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            try {
                leader.get().submit(cmd).get(5, TimeUnit.SECONDS);
                return true;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof NotLeaderException || e.getCause() instanceof NotCommittedException)) {
                    return false; // Outcome unknown: it may or may not be applied, so don't retry blindly.
                }
            } catch (java.util.concurrent.TimeoutException | InterruptedException | CompletionException e) {
                return false;
            }
        }
        return false;
    }
}
