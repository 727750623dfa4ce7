package io.graft.core.internal.sim;

/**
 * What one simulated run did and found.
 *
 * @param parameters the run's parameters (from its seed)
 * @param traceHash the hash of every traced event: equal for two runs of one seed
 * @param events traced events
 * @param simulatedMicros simulated time covered
 * @param operations client operations invoked
 * @param ok operations that completed
 * @param failed operations that definitely failed
 * @param unknown operations with an unknown outcome
 * @param committed entries committed
 * @param crashes crashes injected
 * @param snapshotsInstalled snapshots members received from a leader and installed
 * @param wipes disks erased while their member was down
 * @param suffixLosses disks that lost a suffix of their synced log while their member was down
 * @param slowestRepairMicros the longest a damaged member took to be repaired, or -1
 * @param livenessMicros time from the end of the faults to the first commit of a new command, or -1
 * @param linearizability the verdict on the client history (per key, the weakest)
 * @param failure the first violation, or {@code null} if the run was correct
 * @param traceTail the last events before the end (or the failure)
 */
public record SimResult(SimParameters parameters, long traceHash, long events, long simulatedMicros, long operations,
                        long ok, long failed, long unknown, long committed, int crashes, int snapshotsInstalled,
                        int wipes, int suffixLosses, long slowestRepairMicros, long livenessMicros,
                        LinearizabilityChecker.Verdict linearizability, Throwable failure, String traceTail) {

    public long seed() {
        return parameters.seed();
    }

    public boolean passed() {
        return failure == null;
    }

    /** The one-line command that replays this run with a readable trace. */
    public String replayCommand() {
        String bugs = parameters.bugs().isEmpty() ? ""
                : " -Dgraft.sim.bugs=" + String.join(",", parameters.bugs().stream().map(Enum::name).sorted().toList())
                + (parameters.checkRules() ? "" : " -Dgraft.sim.ruleChecks=false");
        String blank = parameters.blankStart() ? " -Dgraft.sim.blankStart=true" : "";
        return "./mvnw -q -B -pl raft-core -am test -Dtest=SimulationTest#replay -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dgraft.sim.seed=" + seed() + bugs + blank + " -Dgraft.sim.trace=true";
    }

    /** A report of a failed run: the violation, the parameters, the replay command and the last events. */
    public String failureReport() {
        return "seed " + seed() + " FAILED: " + failure + "\n  parameters: " + parameters.summary()
                + "\n  replay: " + replayCommand() + "\n  last events:\n" + traceTail;
    }

    @Override
    public String toString() {
        return "seed " + seed() + (passed() ? " ok" : " FAILED") + ": " + String.format("%.1f", simulatedMicros / 1e6)
                + " s simulated, " + events + " events, " + operations + " ops (" + ok + " ok, " + failed + " failed, "
                + unknown + " unknown), " + committed + " committed, " + crashes + " crashes (" + wipes + " wiped, "
                + suffixLosses + " lost a suffix), " + snapshotsInstalled + " snapshots installed, liveness "
                + (livenessMicros < 0 ? "-" : livenessMicros / 1000 + " ms") + ", " + linearizability + ", trace "
                + Long.toHexString(traceHash);
    }
}
