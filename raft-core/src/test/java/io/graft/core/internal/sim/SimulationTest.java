package io.graft.core.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.raft.CoreTestHooks.ClassicBug;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of whole clusters under faults, one seed per run (see {@link Simulation}).
 *
 * <ul>
 *   <li>{@link #exploresManySeeds}: seeds 1..N ({@code -Dgraft.sim.seeds=N}, default 1000; first seed
 *       {@code -Dgraft.sim.firstSeed}), or as many as fit in {@code -Dgraft.sim.duration=10m} (long-run mode).</li>
 *   <li>{@link #replaysRegressionSeeds}: every seed that ever failed, listed in {@code regression-seeds.txt}.</li>
 *   <li>{@link #replay}: one seed, {@code -Dgraft.sim.seed=123}, with {@code -Dgraft.sim.trace=true} to print
 *       every event; a failing seed prints this command.</li>
 * </ul>
 * Both {@code exploresManySeeds} and {@code replay} take {@code -Dgraft.sim.blankStart=true} to start members
 * blank rather than trusted. Two disabled tests hold the known failures of the core's catching-up rules.
 */
class SimulationTest {
    private static final int THREADS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));

    @Test
    void exploresManySeeds() {
        long first = Long.getLong("graft.sim.firstSeed", 1);
        String duration = System.getProperty("graft.sim.duration");
        Duration budget = duration == null ? null : parseDuration(duration);
        long count = Long.getLong("graft.sim.seeds", budget == null ? 1000 : Long.MAX_VALUE - first);
        boolean blank = Boolean.getBoolean("graft.sim.blankStart");
        SeedRunner.Summary summary = SeedRunner.run(first, count, budget, THREADS,
                seed -> SimParameters.forSeed(seed).withBlankStart(blank));
        System.out.println("[simulation] " + summary);
        assertThat(summary.failures()).as(() -> report(summary.failures())).isEmpty();
        assertThat(summary.results()).isNotEmpty();
    }

    @Test
    void replaysRegressionSeeds() throws IOException {
        List<Long> seeds = regressionSeeds();
        List<SimResult> failed = new ArrayList<>();
        for (long seed : seeds) {
            SimResult r = new Simulation(SimParameters.forSeed(seed), null).run();
            if (!r.passed()) {
                failed.add(r);
            }
        }
        assertThat(failed).as(() -> report(failed)).isEmpty();
    }

    /**
     * Members that start blank, as real storage reports a new data directory, form a cluster and stay safe under
     * every fault: a new cluster whose first leader fails before the others learned that its first entry
     * committed must still elect another (members catching up elect among themselves).
     */
    @Test
    void blankClustersFormAndStaySafe() {
        SeedRunner.Summary summary = SeedRunner.run(1, 300, null, THREADS,
                seed -> SimParameters.forSeed(seed).withBlankStart(true));
        assertThat(summary.failures()).as(() -> report(summary.failures())).isEmpty();
    }

    /**
     * A wiped member restarts at term 0, so it accepts a leader of any term: a stale leader (check-quorum off,
     * cut off from the rest while they moved to later terms) gets its acknowledgements. They must count toward
     * none of that leader's majorities, and the stale leader's commit index must not make it caught up; each of
     * these seeds once applied two different entries at one index.
     */
    @Test
    void aWipedMemberNeverHelpsAStaleLeaderCommit() {
        List<SimResult> failed = new ArrayList<>();
        for (long seed : new long[] {5087, 8495, 12123, 14820}) {
            SimResult r = new Simulation(SimParameters.forSeed(seed), null).run();
            if (!r.passed()) {
                failed.add(r);
            }
        }
        assertThat(failed).as(() -> report(failed)).isEmpty();
    }

    @Test
    void replay() {
        Long seed = Long.getLong("graft.sim.seed");
        Assumptions.assumeTrue(seed != null, "replays one seed given with -Dgraft.sim.seed=N");
        SimParameters p = SimParameters.forSeed(seed)
                .withBugs(parseBugs(System.getProperty("graft.sim.bugs", "")))
                .withRuleChecks(Boolean.parseBoolean(System.getProperty("graft.sim.ruleChecks", "true")))
                .withBlankStart(Boolean.getBoolean("graft.sim.blankStart"));
        SimResult r = new Simulation(p, Boolean.getBoolean("graft.sim.trace") ? System.out : null).run();
        System.out.println("[simulation] " + r);
        assertThat(r.failure()).as(() -> r.failureReport()).isNull();
    }

    static List<Long> regressionSeeds() throws IOException {
        try (InputStream in = SimulationTest.class.getResourceAsStream("regression-seeds.txt")) {
            assertThat(in).as("regression-seeds.txt on the test class path").isNotNull();
            List<Long> seeds = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.replaceAll("#.*", "").trim();
                if (!s.isEmpty()) {
                    seeds.add(Long.parseLong(s));
                }
            }
            return seeds;
        }
    }

    static String report(List<SimResult> failures) {
        StringBuilder sb = new StringBuilder(failures.size() + " seed(s) failed\n");
        failures.stream().limit(5).forEach(r -> sb.append(r.failureReport()).append('\n'));
        return sb.toString();
    }

    private static Set<ClassicBug> parseBugs(String names) {
        EnumSet<ClassicBug> bugs = EnumSet.noneOf(ClassicBug.class);
        Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> bugs.add(ClassicBug.valueOf(s)));
        return bugs;
    }

    /** Parses "90s", "10m", "2h" or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase());
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
            case 's':
                return Duration.ofSeconds(n);
            case 'm':
                return Duration.ofMinutes(n);
            case 'h':
                return Duration.ofHours(n);
            default:
                throw new IllegalArgumentException("graft.sim.duration must look like 90s, 10m or 2h: " + text);
        }
    }
}
