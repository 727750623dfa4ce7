package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import io.graft.api.ReadConsistency;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Prints rough throughput of writes and of each kind of read on a three-member in-memory cluster (many
 * operations in flight at once). Nothing is asserted about the numbers, which depend on the machine; the
 * answers are checked.
 */
class ThroughputReportTest {
    private static final int OPERATIONS = 20_000;

    @Test
    void reportsWriteAndReadThroughput() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).passByReference(true).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            StringBuilder report = new StringBuilder("throughput on this machine, " + OPERATIONS + " operations each:");

            rate(report, "writes", i -> leader.submit("w" + i));
            int count = leader.read("count").join();
            assertThat(count).isEqualTo(OPERATIONS);
            rate(report, "linearizable reads (ReadIndex)", i -> leader.read("count"));
            rate(report, "lease reads", i -> leader.read("count", ReadConsistency.LEASE));
            rate(report, "follower reads at an index", i -> cluster.node(follower).readAtLeast(count, "count"));
            System.out.println(report);
        }
    }

    private static void rate(StringBuilder report, String what, IntFunction<CompletableFuture<Integer>> op) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(OPERATIONS);
        long start = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            futures.add(op.apply(i));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        long micros = Math.max(1, (System.nanoTime() - start) / 1000);
        report.append(String.format("%n  %-32s %,10d ops/s", what, OPERATIONS * 1_000_000L / micros));
    }
}
