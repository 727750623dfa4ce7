package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deterministic chaos: for fixed seeds, members lose, delay, reorder and duplicate messages, get partitioned,
 * crash and restart, and see their disks stall, while commands are proposed. The cluster's
 * {@link SafetyChecker} verifies after every event that there is at most one leader per term, that no member
 * applies anything another member contradicts, and that commit indexes and the committed log only grow; log
 * matching is checked after every step. After healing everything, every member must have applied the same
 * sequence, and a new command must still commit. A failing seed replays exactly.
 */
class RandomizedClusterTest {
    private static final int STEPS = 10_000;
    /** How many seeds per configuration; raise it for a longer soak, e.g. {@code -Dgraft.chaos.seeds=500}. */
    private static final long SEEDS = Long.getLong("graft.chaos.seeds", 10);

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (int size : new int[] {3, 5}) {
                out.add(Arguments.of(seed, size, true));
                out.add(Arguments.of(seed, size, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1} members, pre-vote and check-quorum {2}")
    @MethodSource("runs")
    void staysSafeUnderChaosAndConvergesOnceHealed(long seed, int size, boolean leaderProtections) {
        CoreCluster c = CoreCluster.builder(size).seed(seed).preVote(leaderProtections).checkQuorum(leaderProtections)
                .maxEntriesPerMessage(3).maxInflight(4).build();
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + size * 31 + (leaderProtections ? 1 : 0));
        int proposed = 0;

        for (int step = 0; step < STEPS; step++) {
            proposed += chaosStep(c, rnd, size, proposed);
            if (step % 20 == 0) {
                c.checker().checkLogMatching(c.nodes());
            }
            c.network().clearHistory();
            c.nodes().forEach(SimNode::takeReadies); // keeps memory flat; nothing here inspects them
        }

        heal(c, size);
        c.checker().checkLogMatching(c.nodes());
        assertThat(convergeWithin(c, 50 * c.electionTimeout())).as("converged after healing: %s", c).isTrue();
        int leader = c.leaderId();
        c.propose(leader, "final");
        c.runFor(5 * c.heartbeatInterval());

        List<String> reference = c.appliedCommands(leader);
        assertThat(reference).endsWith("final").doesNotHaveDuplicates();
        for (SimNode n : c.nodes()) {
            assertThat(n.applied()).as("member %d", n.id()).isEqualTo(c.checker().committed());
            assertThat(c.appliedCommands(n.id())).isEqualTo(reference);
        }
    }

    /** One random event; returns how many commands it proposed. */
    private static int chaosStep(CoreCluster c, SplittableRandom rnd, int size, int proposed) {
        SimNetwork net = c.network();
        int roll = rnd.nextInt(1000);
        if (roll < 560) {
            // Mostly one of the oldest messages (short, varying delays: reordering), sometimes any (long delays).
            for (int k = 0; k < size - 1 && net.size() > 0; k++) {
                c.deliverAt(rnd.nextInt(5) > 0 ? rnd.nextInt(Math.min(net.size(), 2 * size)) : rnd.nextInt(net.size()));
            }
        } else if (roll < 590) {
            if (net.size() > 0) {
                net.removeAt(rnd.nextInt(net.size()));
            }
        } else if (roll < 605) {
            if (net.size() > 0) {
                net.inject(List.of(net.inFlight().get(rnd.nextInt(net.size()))));
            }
        } else if (roll < 790) {
            c.advance(1 + rnd.nextInt(4));
        } else if (roll < 840) {
            int leader = c.leaderId();
            if (leader != 0) {
                int batch = 1 + rnd.nextInt(3);
                String[] commands = new String[batch];
                for (int i = 0; i < batch; i++) {
                    commands[i] = "cmd-" + (proposed + i);
                }
                c.propose(leader, commands);
                return batch;
            }
        } else if (roll < 855) {
            c.heal();
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (int id = 1; id <= size; id++) {
                (rnd.nextBoolean() ? a : b).add(id);
            }
            c.partition(a.stream().mapToInt(i -> i).toArray(), b.stream().mapToInt(i -> i).toArray());
        } else if (roll < 875) {
            c.heal();
        } else if (roll < 883) {
            long down = c.nodes().stream().filter(n -> !n.isUp()).count();
            int id = 1 + rnd.nextInt(size);
            if (c.node(id).isUp() && down < (size - 1) / 2) { // keep a majority up, so that progress is possible
                c.crash(id);
            }
        } else if (roll < 900) {
            int id = 1 + rnd.nextInt(size);
            if (!c.node(id).isUp()) {
                c.restart(id);
            }
        } else if (roll < 935) {
            int id = 1 + rnd.nextInt(size);
            if (c.node(id).storage().paused()) {
                c.resumeStorage(id);
            } else {
                c.pauseStorage(id);
            }
        } else {
            c.syncOne(1 + rnd.nextInt(size));
        }
        return 0;
    }

    private static void heal(CoreCluster c, int size) {
        c.heal();
        for (int id = 1; id <= size; id++) {
            if (!c.node(id).isUp()) {
                c.restart(id);
            }
            c.resumeStorage(id);
        }
    }

    /** Runs on a perfect network until one leader's whole log is committed and applied everywhere. */
    private static boolean convergeWithin(CoreCluster c, long millis) {
        long deadline = c.now() + millis;
        while (c.now() < deadline) {
            c.runFor(c.heartbeatInterval());
            int leader = c.leaderId();
            if (leader == 0) {
                continue;
            }
            long last = c.core(leader).lastIndex();
            boolean done = new HashSet<>(c.nodes().stream().map(n -> n.applied().size()).toList()).size() == 1
                    && c.nodes().stream().allMatch(n -> n.applied().size() == last && n.core().commitIndex() == last
                    && n.core().leaderId() == leader);
            if (done) {
                return true;
            }
        }
        return false;
    }
}
