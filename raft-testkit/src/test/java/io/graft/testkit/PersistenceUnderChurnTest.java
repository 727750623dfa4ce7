package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acknowledged writes survive churn: clients write concurrently on a network that drops, duplicates, delays
 * and reorders messages, while a nemesis crashes and restarts random members (the leader half of the time),
 * never more than a minority at once. At the end every member applied the same commands, each at most once,
 * including every acknowledged one, in each client's order. Seeds are printed; rerun one with
 * {@code -Dgraft.seed=<seed>}; {@code -Dgraft.churn.millis=<ms>} churns longer.
 */
class PersistenceUnderChurnTest {
    private static final int CLIENTS = 4;

    @TempDir
    Path dataRoot;

    static Stream<Arguments> clusters() {
        return Stream.of(Arguments.of(StorageKind.FILE, 3), Arguments.of(StorageKind.FILE, 5),
                Arguments.of(StorageKind.MEMORY, 5));
    }

    @ParameterizedTest(name = "{0} storage, {1} members")
    @MethodSource("clusters")
    void acknowledgedWritesSurviveCrashesAndRestartsOnALossyNetwork(StorageKind storage, int members) throws Exception {
        long seed = Long.getLong("graft.seed", System.nanoTime());
        Duration churn = Duration.ofMillis(Long.getLong("graft.churn.millis", 4000));
        String context = storage + " storage, " + members + " members, seed " + seed + " (rerun with -Dgraft.seed="
                + seed + ")";
        System.out.println("PersistenceUnderChurnTest: " + context);
        try (TestCluster<String, Integer> cluster = storage.configure(Words.cluster().nodes(members).seed(seed),
                dataRoot).start()) {
            try {
                churn(cluster, new Random(seed), churn, context);
            } catch (AssertionError e) {
                throw new AssertionError(context + ": " + e.getMessage() + "\nstate: " + cluster.describe(), e);
            }
        }
    }

    private static void churn(TestCluster<String, Integer> cluster, Random random, Duration churn, String context)
            throws InterruptedException {
        cluster.awaitLeader();
        cluster.unreliable(0.05, 0.05, Duration.ofMillis(3));
        Clients clients = new Clients(cluster);
        clients.start();

        int maxDown = (cluster.memberIds().size() - 1) / 2;
        Set<Integer> down = new HashSet<>();
        int crashes = 0;
        long deadline = System.nanoTime() + churn.toNanos();
        while (System.nanoTime() < deadline) {
            if (down.size() < maxDown && (down.isEmpty() || random.nextBoolean())) {
                int victim = pickVictim(cluster, random, down);
                cluster.crash(victim);
                down.add(victim);
                crashes++;
            } else {
                int back = new ArrayList<>(down).get(random.nextInt(down.size()));
                cluster.restart(back);
                down.remove(back);
            }
            // The nemesis' schedule, not a wait for an outcome.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50 + random.nextInt(350)));
        }
        clients.stop();
        for (int id : down) {
            cluster.restart(id);
        }
        cluster.heal();
        cluster.reliable();
        SafeWrites.oneAcknowledged(cluster, "final"); // The healed cluster takes writes.
        cluster.awaitConvergence();

        List<List<String>> acknowledged = clients.acknowledged();
        int acked = acknowledged.stream().mapToInt(List::size).sum();
        System.out.printf("PersistenceUnderChurnTest: %s: %d crashes, %d writes acknowledged, %d outcomes unknown,"
                + " %d retries%n", context, crashes, acked, clients.unknown.get(), clients.retries.get());
        for (int id : cluster.memberIds()) {
            List<String> applied = cluster.appliedCommands(id);
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < applied.size(); i++) {
                Integer earlier = position.put(applied.get(i), i);
                assertThat(earlier).as("member %d applied %s twice (at %s and %d)", id, applied.get(i), earlier, i)
                        .isNull();
            }
            for (List<String> client : acknowledged) {
                int previous = -1;
                for (String cmd : client) {
                    Integer at = position.get(cmd);
                    assertThat(at).as("member %d applied acknowledged write %s", id, cmd).isNotNull();
                    assertThat(at).as("member %d applied %s after the client's earlier acknowledged write", id, cmd)
                            .isGreaterThan(previous);
                    previous = at;
                }
            }
        }
        assertThat(crashes).as("crashes during the churn").isGreaterThanOrEqualTo(3);
        assertThat(acked).as("writes acknowledged during the churn").isGreaterThan(50);
    }

    /** The leader half of the time (when one is running), else any running member. */
    private static int pickVictim(TestCluster<String, Integer> cluster, Random random, Set<Integer> down) {
        Optional<RaftNode<String, Integer>> leader = cluster.leader();
        if (leader.isPresent() && random.nextBoolean()) {
            return leader.get().id();
        }
        List<Integer> up = cluster.memberIds().stream().filter(id -> !down.contains(id)).collect(Collectors.toList());
        return up.get(random.nextInt(up.size()));
    }

    /** Client threads writing unique commands one at a time, each retried only when it surely did not commit. */
    private static final class Clients {
        private final TestCluster<String, Integer> cluster;
        private final List<Thread> threads = new ArrayList<>();
        private final List<List<String>> acknowledged = new ArrayList<>();
        private volatile boolean stopping;
        final AtomicInteger unknown = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();

        Clients(TestCluster<String, Integer> cluster) {
            this.cluster = cluster;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                List<String> mine = new ArrayList<>();
                acknowledged.add(mine);
                int client = c;
                int[] myRetries = {0};
                Thread t = new Thread(() -> {
                    for (int i = 0; !stopping; i++) {
                        String cmd = "c" + client + "-" + i;
                        if (SafeWrites.untilKnown(cluster, cmd, myRetries)) {
                            mine.add(cmd);
                        } else {
                            unknown.incrementAndGet();
                        }
                    }
                    retries.addAndGet(myRetries[0]);
                }, "churn-client-" + c);
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            stopping = true;
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(t.isAlive()).as("%s stopped", t.getName()).isFalse();
            }
        }

        /** Each client's acknowledged commands, in the order it wrote them (read after {@link #stop}). */
        List<List<String>> acknowledged() {
            return acknowledged;
        }
    }
}
