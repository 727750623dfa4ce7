package io.graft.examples.demo;

import io.graft.api.NotLeaderException;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's first command: a three-member replicated key-value store on the in-memory transport, in
 * this JVM. It elects a leader, writes and reads, stops the leader, shows the new election, and checks that
 * no acknowledged write was lost. Exits 0 on success, 1 otherwise.
 */
public final class KvDemo {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final PrintStream out;

    private KvDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        boolean ok = new KvDemo(System.out).run();
        System.exit(ok ? 0 : 1);
    }

    /** Runs the demo; returns whether every check passed. */
    public boolean run() {
        // The same shape as a cluster.yaml: three members, the in-memory transport chosen by name.
        ClusterConfig cluster = ClusterConfig.builder()
                .member(1, "tomato", 7401).member(2, "gamma", 7402).member(3, "delta", 7403)
                .electionTimeout(Duration.ofMillis(150))
                .transport("inmemory")
                .build();
        Map<Integer, KvStore> stores = new LinkedHashMap<>();
        Map<Integer, RaftNode<KvCommand, KvResult>> nodes = new LinkedHashMap<>();
        out.println("Graft demo: a replicated key-value store on 3 members, in this JVM");
        try {
            for (int id : cluster.memberIds()) {
                KvStore store = new KvStore();
                stores.put(id, store);
                nodes.put(id, Graft.node(cluster, id, store, KvBinaryCodec.commands()).start());
            }
            RaftNode<KvCommand, KvResult> leader = awaitLeader(nodes.values());
            out.printf("  member %d is the leader (term %d)%n", leader.id(), leader.status().term());

            KvResult put = leader.submit(KvCommand.put("hello", "world")).join();
            out.printf("  put hello=world            -> previous value: %s%n", put.value().orElse("(none)"));
            KvResult get = leader.submit(KvCommand.get("hello")).join();
            out.printf("  get hello (through the log) -> %s%n", get.value().orElse("(none)"));
            KvResult cas = leader.submit(KvCommand.compareAndSet("hello", "world", "raft")).join();
            out.printf("  cas hello: world -> raft    -> %s%n", cas.swapped() ? "swapped" : "not swapped");

            List<String> acknowledged = new ArrayList<>(List.of("hello"));
            for (int i = 0; i < 100; i++) {
                leader.submit(KvCommand.put("key-" + i, "value-" + i)).join();
                acknowledged.add("key-" + i);
            }
            out.printf("  wrote %d more keys; every write was acknowledged after a majority stored it%n", 100);

            int oldLeader = leader.id();
            out.printf("  stopping the leader, member %d...%n", oldLeader);
            nodes.remove(oldLeader).close();
            RaftNode<KvCommand, KvResult> fresh = awaitLeader(nodes.values());
            out.printf("  member %d is the new leader (term %d)%n", fresh.id(), fresh.status().term());
            fresh.submit(KvCommand.put("after-failover", "yes")).join();
            acknowledged.add("after-failover");

            long commit = fresh.status().commitIndex();
            awaitApplied(nodes.values(), commit);
            boolean allThere = true;
            for (int id : nodes.keySet()) {
                KvStore store = stores.get(id);
                long missing = acknowledged.stream().filter(k -> store.get(k) == null).count();
                allThere &= missing == 0 && "raft".equals(store.get("hello"));
                out.printf("  member %d holds %d keys; acknowledged writes missing: %d%n", id, store.size(), missing);
            }
            out.println(allThere ? "OK: no acknowledged write was lost." : "FAILED: acknowledged writes are missing.");
            return allThere;
        } catch (RuntimeException e) {
            out.println("FAILED: " + e);
            return false;
        } finally {
            nodes.values().forEach(RaftNode::close);
        }
    }

    private static RaftNode<KvCommand, KvResult> awaitLeader(Iterable<RaftNode<KvCommand, KvResult>> nodes) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RaftNode<KvCommand, KvResult>> leader = Optional.empty();
            int leaders = 0;
            for (RaftNode<KvCommand, KvResult> n : nodes) {
                if (n.status().isLeader()) {
                    leader = Optional.of(n);
                    leaders++;
                }
            }
            if (leaders == 1) {
                return leader.get();
            }
            pause();
        }
        throw new NotLeaderException(0, 0);
    }

    private static void awaitApplied(Iterable<RaftNode<KvCommand, KvResult>> nodes, long index) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (RaftNode<KvCommand, KvResult> n : nodes) {
            while (n.status().appliedIndex() < index && System.nanoTime() < deadline) {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
