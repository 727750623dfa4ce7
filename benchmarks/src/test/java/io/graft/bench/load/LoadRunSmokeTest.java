package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the load generator for about two seconds per configuration and checks, from each member's state
 * machine (child processes included), that every submitted command was applied exactly once on every
 * member, and in order where the submission path guarantees it. No timing assertions: on a busy machine the
 * run is just slower.
 */
class LoadRunSmokeTest {

    @TempDir
    Path dataDirs;

    @ParameterizedTest(name = "{0} transport, {1} submission, {2} log")
    @CsvSource({"inmemory-ref, node, memory, 64", "inmemory, node, file-nosync, 16", "inmemory-ref, node, file, 8",
            "zeromq, client, memory, 32", "zeromq-process, node, memory, 32"})
    void everySubmittedCommandIsAppliedExactlyOnceOnEveryMember(String transport, String submit, String durability,
                                                               int inFlight) throws InterruptedException {
        LoadSettings settings = new LoadSettings(3, TransportMode.parse(transport), SubmitMode.parse(submit),
                Durability.parse(durability), 16, inFlight, 1, 1, 1000, ClusterConfig.DEFAULT_SNAPSHOT_EVERY, dataDirs,
                MetricsMode.NONE);

        LoadResult result = LoadRun.run(settings);

        AckTotals totals = result.totals();
        boolean ordered = settings.submit() == SubmitMode.NODE;
        assertThat(totals.submitted()).isPositive();
        assertThat(totals.failed()).as("failed submissions (a leader change?)").isZero();
        assertThat(totals.acknowledged()).isEqualTo(totals.submitted());
        assertThat(result.appliedStates()).hasSize(3).allSatisfy(state -> {
            assertThat(state.count()).as("commands applied").isEqualTo(totals.submitted());
            assertThat(state.fingerprintSum()).as("the set of commands applied")
                    .isEqualTo(totals.acknowledgedFingerprintSum());
            if (ordered) {
                assertThat(state.outOfOrder()).as("duplicated or reordered commands").isZero();
                assertThat(state.lastSequence()).as("the last command applied").isEqualTo(totals.submitted());
            }
        });
        assertThat(result.report().verified()).isTrue();
        assertThat(result.report().acknowledged()).isEqualTo(totals.acknowledged());
        assertThat(result.samples()).hasSize(2);
        if (settings.transport().childProcesses()) {
            assertThat(result.report().leaderId()).as("the leader, moved into this JVM").isEqualTo(1);
            assertThat(result.report().childPeakRssMib()).containsOnlyKeys(2, 3)
                    .allSatisfy((id, mib) -> assertThat(mib).isPositive());
            assertThat(result.report().toJson()).contains("\"childPeakRssMiB\":{\"2\":", "\"childCpuCores\":{\"2\":");
            await("the child processes exit").atMost(Duration.ofSeconds(20))
                    .until(() -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
        } else {
            assertThat(result.report().childPeakRssMib()).isEmpty();
        }
    }
}
