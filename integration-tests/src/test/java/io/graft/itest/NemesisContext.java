package io.graft.itest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * What a {@link Nemesis} works with: the cluster, a seeded random source, the fault log, and the leader as
 * the members themselves report it.
 */
final class NemesisContext {
    /** How long to look for a leader before picking a member at random instead. */
    private static final Duration LEADER_PROBE_TIMEOUT = Duration.ofSeconds(5);

    final DockerCluster cluster;
    final Random random;
    final FaultLog log;

    NemesisContext(DockerCluster cluster, Random random, FaultLog log) {
        this.cluster = cluster;
        this.random = random;
        this.log = log;
    }

    /** The current leader, if one answers in time. */
    OptionalInt leader() {
        return LeaderProbe.leader(cluster.endpoints(), LEADER_PROBE_TIMEOUT);
    }

    /** The current leader, or a random member when no leader answers (the fault is then logged as such). */
    int leaderOrAny() {
        OptionalInt leader = leader();
        if (leader.isPresent()) {
            return leader.getAsInt();
        }
        int any = anyMember();
        log.record(null, "no leader answered within " + LEADER_PROBE_TIMEOUT.toSeconds() + " s; targeting member "
                + any + " instead");
        return any;
    }

    int anyMember() {
        List<Integer> ids = cluster.ids();
        return ids.get(random.nextInt(ids.size()));
    }

    /** A random member other than those given. */
    int anyMemberExcept(List<Integer> excluded) {
        List<Integer> ids = new ArrayList<>(cluster.ids());
        ids.removeAll(excluded);
        return ids.get(random.nextInt(ids.size()));
    }

    /** A duration between {@code min} and {@code max} seconds. */
    Duration between(double minSeconds, double maxSeconds) {
        return Duration.ofMillis(Math.round(1000 * (minSeconds + random.nextDouble() * (maxSeconds - minSeconds))));
    }

    /**
     * Lets a fault last {@code d} while the workload runs on. This is the nemesis's schedule, not a wait for a
     * condition: nothing is expected to happen at the end of it.
     */
    void hold(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding a fault", e);
        }
    }
}
