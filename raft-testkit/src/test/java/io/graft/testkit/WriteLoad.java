package io.graft.testkit;

import io.graft.api.RaftNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients writing unique words to whichever member leads, each waiting for its write before the next, until
 * stopped. A failed write is never retried (its outcome may be unknown); the words whose futures succeeded
 * are the acknowledged ones, which must all survive whatever the test does to the cluster.
 */
final class WriteLoad implements AutoCloseable {
    private final TestCluster<String, Integer> cluster;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();

    WriteLoad(TestCluster<String, Integer> cluster, int clients) {
        this.cluster = cluster;
        this.threads = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.execute(() -> write(client));
        }
    }

    private void write(int client) {
        int n = 0;
        while (running.get()) {
            Optional<RaftNode<String, Integer>> leader = cluster.leader();
            if (leader.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            String word = "c" + client + "-" + n++;
            try {
                leader.get().submit(word).get(5, TimeUnit.SECONDS);
                acknowledged.add(word);
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    /** How many writes have been acknowledged so far. */
    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Stops the clients and returns the acknowledged words. */
    List<String> stop() {
        running.set(false);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("write clients did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(acknowledged);
    }

    int failedCount() {
        return failed.get();
    }

    @Override
    public void close() {
        stop();
    }
}
