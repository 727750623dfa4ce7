package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.config.ClusterConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the load generator for about two seconds per configuration and checks, from each member's state
 * machine, that every submitted command was applied exactly once, in order, on every member. No timing
 * assertions: on a busy machine the run is just slower.
 */
class LoadRunSmokeTest {

    @TempDir
    Path dataDirs;

    @ParameterizedTest(name = "{0} transport, {1} log")
    @CsvSource({"inmemory-ref, memory, 64", "inmemory, file-nosync, 16", "inmemory-ref, file, 8"})
    void everySubmittedCommandIsAppliedExactlyOnceOnEveryMember(String transport, String durability, int inFlight)
            throws InterruptedException {
        LoadSettings settings = new LoadSettings(3, TransportMode.parse(transport), Durability.parse(durability), 16,
                inFlight, 1, 1, 1000, ClusterConfig.DEFAULT_SNAPSHOT_EVERY, dataDirs);

        LoadResult result = LoadRun.run(settings);

        AckTotals totals = result.totals();
        assertThat(totals.submitted()).isPositive();
        assertThat(totals.failed()).as("failed submissions (a leader change?)").isZero();
        assertThat(totals.acknowledged()).isEqualTo(totals.submitted());
        assertThat(result.appliedStates()).hasSize(3).allSatisfy(state -> {
            assertThat(state.outOfOrder()).as("duplicated or reordered commands").isZero();
            assertThat(state.count()).as("commands applied").isEqualTo(totals.submitted());
            assertThat(state.lastSequence()).as("the last command applied").isEqualTo(totals.submitted());
            assertThat(state.fingerprintSum()).as("the set of commands applied")
                    .isEqualTo(totals.acknowledgedFingerprintSum());
        });
        assertThat(result.report().verified()).isTrue();
        assertThat(result.report().acknowledged()).isEqualTo(totals.acknowledged());
        assertThat(result.samples()).hasSize(2);
    }
}
