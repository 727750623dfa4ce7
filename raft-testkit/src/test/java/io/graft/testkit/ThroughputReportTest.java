package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import io.graft.api.ReadConsistency;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Prints rough throughput of writes and of each kind of read on a three-member in-memory cluster (up to 1,024
 * operations in flight at once). Nothing is asserted about the numbers, which depend on the machine; the
 * answers are checked.
 */
class ThroughputReportTest {
    /** Operations per kind; {@code -Dgraft.throughput.operations=500000} gives steadier figures than the default. */
    private static final int OPERATIONS = Integer.getInteger("graft.throughput.operations", 20_000);
    private static final int IN_FLIGHT = 1024;

    @Test
    void reportsWriteAndReadThroughput() {
        try (TestCluster<String, Integer> cluster = Words.stableCluster().nodes(3).passByReference(true).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            StringBuilder report = new StringBuilder("throughput on this machine, " + OPERATIONS + " operations each:");

            rate(report, "writes (warm-up)", i -> leader.submit("w" + i));
            rate(report, "writes", i -> leader.submit("w" + i));
            int count = leader.read("count").join();
            assertThat(count).isEqualTo(2 * OPERATIONS);
            rate(report, "linearizable reads (ReadIndex)", i -> leader.read("count"));
            rate(report, "lease reads", i -> leader.read("count", ReadConsistency.LEASE));
            rate(report, "follower reads at an index", i -> cluster.node(follower).readAtLeast(count, "count"));
            System.out.println(report);
        }
    }

    /** Runs {@code op} {@link #OPERATIONS} times with at most {@link #IN_FLIGHT} unanswered, and reports the rate. */
    private static void rate(StringBuilder report, String what, IntFunction<CompletableFuture<Integer>> op) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            inFlight.acquireUninterruptibly();
            op.apply(i).whenComplete((result, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                inFlight.release();
            });
        }
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        long micros = Math.max(1, (System.nanoTime() - start) / 1000);
        assertThat(failure.get()).as(what).isNull();
        report.append(String.format("%n  %-40s %,10d ops/s", what, OPERATIONS * 1_000_000L / micros));
    }
}
