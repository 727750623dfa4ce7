package io.graft.testkit.bench;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.transport.inmemory.InMemoryNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Durable commits per second on a three-member cluster in this JVM: in-memory transport (messages encoded),
 * each member's file log in its own directory with fsync on (the {@code dataDir} production path), every
 * write acknowledged only once a majority has synced it. Measured with one client writing one command at a
 * time, then with 256 commands in flight. All three members share one disk, so each commit costs up to
 * three fsyncs on it.
 *
 * <p>Usage: {@code DurableThroughput [data directory (default: a temp dir, deleted after)] [seconds per
 * measurement (default 5)] [payload bytes (default 64)]}
 */
public final class DurableThroughput {
    private DurableThroughput() {
    }

    public static void main(String[] args) throws Exception {
        boolean temporary = args.length == 0;
        Path root = temporary ? Files.createTempDirectory("graft-throughput") : Path.of(args[0]);
        Duration period = Duration.ofMillis((long) (1000 * (args.length > 1 ? Double.parseDouble(args[1]) : 5)));
        int payloadBytes = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        ClusterConfig config = ClusterConfig.builder().member(1, "node-1", 7401).member(2, "node-2", 7402)
                .member(3, "node-3", 7403).dataDir(root).fsync(true).clusterId("throughput").build();
        List<RaftNode<byte[], Long>> nodes = new ArrayList<>();
        try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
            for (int id : config.memberIds()) {
                nodes.add(Graft.node(config, id, new CountingStateMachine(), BuiltinCodecs.bytes())
                        .transport(network.transport(id)).start());
            }
            RaftNode<byte[], Long> leader = awaitLeader(nodes);
            byte[] payload = new byte[payloadBytes];
            System.out.printf("3 members in one JVM, file logs in %s, fsync on, %d-byte commands, %d s per measurement%n",
                    root, payloadBytes, period.toSeconds());
            oneClient(leader, payload, Duration.ofSeconds(1)); // warm-up
            oneClient(leader, payload, period).print("1 client, one command at a time");
            inFlight(leader, payload, 256, Duration.ofSeconds(1)); // warm-up
            inFlight(leader, payload, 256, period).print("256 commands in flight");
        } finally {
            nodes.forEach(RaftNode::close);
            if (temporary) {
                deleteRecursively(root);
            }
        }
    }

    /** The measured outcome: commits and latencies in nanoseconds. */
    private record Result(long commits, long nanos, long[] latencies) {
        void print(String label) {
            Arrays.sort(latencies);
            System.out.printf("%-32s %8.0f durable commits/s   latency p50 %.2f ms, p99 %.2f ms (%d commits in %.1f s)%n",
                    label, commits / (nanos / 1e9), percentile(0.50) / 1e6, percentile(0.99) / 1e6, commits, nanos / 1e9);
        }

        private long percentile(double p) {
            return latencies.length == 0 ? 0 : latencies[(int) Math.min(latencies.length - 1, latencies.length * p)];
        }
    }

    private static Result oneClient(RaftNode<byte[], Long> leader, byte[] payload, Duration period) {
        long[] latencies = new long[1 << 20];
        int n = 0;
        long start = System.nanoTime();
        long end = start + period.toNanos();
        long now = start;
        while (now < end && n < latencies.length) {
            leader.submit(payload).join();
            long after = System.nanoTime();
            latencies[n++] = after - now;
            now = after;
        }
        return new Result(n, now - start, Arrays.copyOf(latencies, n));
    }

    private static Result inFlight(RaftNode<byte[], Long> leader, byte[] payload, int window, Duration period)
            throws InterruptedException {
        Semaphore permits = new Semaphore(window);
        AtomicLong commits = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] latencies = new long[1 << 22];
        AtomicLong sampled = new AtomicLong();
        long start = System.nanoTime();
        long end = start + period.toNanos();
        while (System.nanoTime() < end && failure.get() == null) {
            permits.acquire();
            long submitted = System.nanoTime();
            leader.submit(payload).whenComplete((r, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    commits.incrementAndGet();
                    long i = sampled.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[(int) i] = System.nanoTime() - submitted;
                    }
                }
                permits.release();
            });
        }
        permits.acquire(window); // Let the last ones finish.
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a command failed during the measurement", failure.get());
        }
        return new Result(commits.get(), elapsed, Arrays.copyOf(latencies, (int) Math.min(sampled.get(), latencies.length)));
    }

    static <C, R> RaftNode<C, R> awaitLeader(List<RaftNode<C, R>> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (RaftNode<C, R> n : nodes) {
                if (n.status().isLeader()) {
                    return n;
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no leader within 30 s");
    }

    static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
