package io.graft.itest;

import io.graft.testkit.history.CheckResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one scenario did and found.
 *
 * @param spec the scenario
 * @param operations operations invoked in all
 * @param ok operations that completed with a result
 * @param unknown operations whose outcome the client never learned
 * @param failed operations that definitely did not take effect
 * @param faults faults injected, by kind
 * @param linearizability the checker's verdict on the whole history
 * @param lostWrites acknowledged writes not visible at the end, in words
 * @param convergence whether every member ended with the leader's log
 * @param recovery how long the cluster took to commit a write once every fault was healed
 * @param finalValues each key's value at the end
 * @param total the whole scenario's duration, cluster start and checks included
 * @param artifacts where its history, reports and member logs are
 */
record ScenarioReport(ScenarioSpec spec, int operations, int ok, int unknown, int failed, Map<String, Integer> faults,
                      CheckResult linearizability, List<String> lostWrites, ConvergenceCheck.Result convergence,
                      Duration recovery, Map<String, String> finalValues, Duration total, Path artifacts) {

    /** One paragraph for the console and summary file. */
    String summary() {
        return String.format("%s: %d members, %d clients, fault phase %d s, total %d s%n"
                        + "  operations %d (ok %d, unknown %d, failed %d); faults %s%n"
                        + "  linearizability: %s, %d operations checked in %d ms%n"
                        + "  lost acknowledged writes: %d; convergence: %s at index %d; recovery after healing: %d ms%n"
                        + "  artifacts: %s",
                spec.name(), spec.members(), spec.clients(), spec.faultPhase().toSeconds(), total.toSeconds(),
                operations, ok, unknown, failed, faults, linearizability.verdict(),
                linearizability.operationsChecked(), linearizability.elapsed().toMillis(), lostWrites.size(),
                convergence.converged() ? "yes" : "NO", convergence.logs().values().stream()
                        .mapToLong(MemberLog::lastIndex).max().orElse(0), recovery.toMillis(), artifacts);
    }
}
