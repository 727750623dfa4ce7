package io.graft.core.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.raft.CoreTestHooks.ClassicBug;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A seed is the whole run: the same seed gives the same event trace, whatever else happens in the JVM. */
class DeterminismTest {

    @Test
    void theSameSeedGivesTheSameTraceHash() {
        for (long seed : new long[] {3, 42, 114}) {
            SimResult first = new Simulation(SimParameters.forSeed(seed), null).run();
            SimResult second = new Simulation(SimParameters.forSeed(seed), null).run();
            assertThat(second.traceHash()).as("seed %d", seed).isEqualTo(first.traceHash());
            assertThat(second.events()).isEqualTo(first.events());
            assertThat(second.toString()).isEqualTo(first.toString());
            assertThat(first.events()).isGreaterThan(1000);
        }
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        long a = new Simulation(SimParameters.forSeed(7), null).run().traceHash();
        long b = new Simulation(SimParameters.forSeed(8), null).run().traceHash();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void printingTheTraceDoesNotChangeTheRun() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SimResult traced = new Simulation(SimParameters.forSeed(5), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();
        SimResult quiet = new Simulation(SimParameters.forSeed(5), null).run();
        assertThat(traced.traceHash()).isEqualTo(quiet.traceHash());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("AppendRequest").contains("linearizable");
        assertThat(text.lines().filter(l -> l.matches("\\s*\\d+\\.\\d{3} ms .*")).count()).isEqualTo(traced.events());
    }

    @Test
    void aFailingRunFailsTheSameWayEveryTime() {
        SimParameters p = SimParameters.forSeed(1).withBugs(Set.of(ClassicBug.VOTE_BEFORE_PERSIST));
        SimResult first = new Simulation(p, null).run();
        SimResult second = new Simulation(p, null).run();
        assertThat(first.passed()).isFalse();
        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(String.valueOf(second.failure())).isEqualTo(String.valueOf(first.failure()));
        assertThat(first.failureReport()).contains("-Dgraft.sim.seed=1").contains("-Dgraft.sim.bugs=VOTE_BEFORE_PERSIST")
                .contains("last events");
    }
}
