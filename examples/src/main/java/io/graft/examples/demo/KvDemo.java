package io.graft.examples.demo;

import io.graft.api.NotLeaderException;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStore;
import io.graft.transport.inmemory.InMemoryNetwork;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The README's first command: a three-member replicated key-value store on the in-memory transport, in
 * this JVM. It elects a leader, writes and reads, crashes the leader (cuts it off from the network and stops
 * it at once, without handing leadership over, as a killed process or a pulled cable would), shows the
 * election that follows and how long it took, and checks that no acknowledged write was lost. Exits 0 on
 * success, 1 otherwise.
 */
public final class KvDemo {
    /** The in-memory network the demo's members share, and on which it cuts the leader off. */
    static final String NETWORK = "graft-demo";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final PrintStream out;

    KvDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo on {@code System.out}; exits 0 when every check passed, else 1. */
    public static void main(String[] args) {
        boolean ok = new KvDemo(System.out).run();
        System.exit(ok ? 0 : 1);
    }

    /** Runs the demo; returns whether every check passed. */
    boolean run() {
        // A cluster.yaml in a string: three members on the in-memory transport, chosen by name.
        ClusterConfig cluster = ClusterConfigLoader.parse("""
                electionTimeout: 150      # milliseconds: a follower campaigns after 150-300 ms without a leader
                transport: inmemory
                transportOptions:
                  network: %s
                configuration:
                  1: tomato
                  2: gamma
                  3: delta
                """.formatted(NETWORK), "demo.yaml");
        Map<Integer, KvStore> stores = new LinkedHashMap<>();
        Map<Integer, RaftNode<KvCommand, KvResult>> nodes = new LinkedHashMap<>();
        InMemoryNetwork network = InMemoryNetwork.named(NETWORK);
        out.println("Graft demo: a replicated key-value store on 3 members, in this JVM");
        try {
            for (int id : cluster.memberIds()) {
                KvStore store = new KvStore();
                stores.put(id, store);
                // No hand-off on close: the leader below is stopped as a crash would stop it.
                nodes.put(id, Graft.node(cluster, id, store, KvBinaryCodec.commands())
                        .handOffLeadershipOnClose(Duration.ZERO).start());
            }
            RaftNode<KvCommand, KvResult> leader = awaitLeader(nodes.values());
            out.printf("  member %d is the leader (term %d)%n", leader.id(), leader.status().term());

            KvResult put = leader.submit(KvCommand.put("hello", "world")).join();
            out.printf("  put hello=world             -> previous value: %s%n", put.value().orElse("(none)"));
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
            // Members that start without data (every member of a new in-memory cluster) vote only among
            // themselves until a leader confirms they hold its log; a cluster whose leader crashes before it
            // confirmed them may need that leader back (docs/operations.md, "Members that start without data").
            awaitConfirmed(nodes.values());

            int crashed = leader.id();
            long crashedTerm = leader.status().term();
            out.printf("  crashing the leader, member %d: cut off from the network and stopped at once,"
                    + " without handing leadership over%n", crashed);
            RaftNode<KvCommand, KvResult> victim = nodes.remove(crashed);
            ElectionWatch<KvCommand, KvResult> watch = ElectionWatch.of(nodes.values());
            long crashedAt = System.nanoTime();
            network.isolate(crashed);
            victim.close();
            ElectionWatch.Elected<KvCommand, KvResult> elected =
                    watch.awaitNewLeader(crashedTerm, crashedAt, TIMEOUT, out);
            RaftNode<KvCommand, KvResult> fresh = elected.node();
            out.printf("  member %d is the new leader (term %d), elected %d ms after the crash%n", fresh.id(),
                    elected.term(), elected.afterCrash().toMillis());
            out.printf("  (a follower campaigns once it has heard from no leader for its election timeout, a random"
                    + " %d-%d ms)%n", cluster.electionTimeout().toMillis(), 2 * cluster.electionTimeout().toMillis());
            fresh.submit(KvCommand.put("after-crash", "yes")).join();
            acknowledged.add("after-crash");
            out.printf("  put after-crash=yes         -> committed %d ms after the crash%n",
                    Duration.ofNanos(System.nanoTime() - crashedAt).toMillis());

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
        } catch (RuntimeException | TimeoutException e) {
            out.println("FAILED: " + e);
            return false;
        } finally {
            nodes.values().forEach(RaftNode::close);
            network.close();
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

    /** Waits until the leader has confirmed every member, so that the survivors of a crash can elect. */
    private static void awaitConfirmed(Iterable<RaftNode<KvCommand, KvResult>> nodes) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (RaftNode<KvCommand, KvResult> n : nodes) {
            while (n.status().catchingUp() && System.nanoTime() < deadline) {
                pause();
            }
        }
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
