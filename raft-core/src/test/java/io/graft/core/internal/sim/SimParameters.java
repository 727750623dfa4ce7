package io.graft.core.internal.sim;

import io.graft.core.internal.raft.CoreTestHooks.ClassicBug;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Everything one simulated run depends on, all derived from its seed: cluster size and Raft settings, how
 * slow and lossy the network and disks are, how often faults strike, and the workload. Times are in
 * milliseconds unless a name says micros.
 *
 * @param seed the run's seed
 * @param members cluster size
 * @param electionTimeoutMs the cores' minimum election timeout
 * @param heartbeatMs the cores' heartbeat interval
 * @param maxEntriesPerMessage most entries per AppendEntries (small values open windows between entries)
 * @param maxInflight AppendEntries pipelining depth
 * @param preVote pre-vote on
 * @param checkQuorum check-quorum on
 * @param entriesKeptAfterSnapshot entries a core keeps below a new snapshot (small: transfers happen often)
 * @param snapshotEvery a member snapshots after this many applied entries (besides the nemesis)
 * @param clients concurrent clients
 * @param keys registers the clients read and write
 * @param latencyMicros the usual one-way network latency
 * @param jitterMicros the mean of the exponential extra delay (reorders messages)
 * @param fsyncMicros the usual time of one fsync
 * @param faultPhaseMs how long the nemesis acts; then the network heals and every member runs
 * @param meanFaultGapMs the mean time between two nemesis actions
 * @param maxDropRate the highest message loss rate the nemesis sets
 * @param maxDuplicateRate the highest message duplication rate the nemesis sets
 * @param bugs classic mistakes injected into every core (empty in normal runs)
 * @param checkRules whether the checker also checks Raft's implementation rules directly (persist before
 *                   answering; commit only entries of the leader's term); off, only consequences are caught
 * @param blankStart whether members start from disks holding nothing ({@link io.graft.core.storage.HardState#BLANK},
 *                   catching up, as real storage reports a new data directory) rather than from disks trusted
 *                   to hold every committed entry ({@link io.graft.core.storage.HardState#INITIAL}). Off in
 *                   normal runs: blank clusters can deadlock while forming (see {@code SimulationTest})
 */
public record SimParameters(long seed, int members, long electionTimeoutMs, long heartbeatMs,
                            int maxEntriesPerMessage, int maxInflight, boolean preVote, boolean checkQuorum,
                            long entriesKeptAfterSnapshot, int snapshotEvery, int clients, int keys,
                            long latencyMicros, long jitterMicros, long fsyncMicros, long faultPhaseMs,
                            long meanFaultGapMs, double maxDropRate, double maxDuplicateRate,
                            Set<ClassicBug> bugs, boolean checkRules, boolean blankStart) {

    public SimParameters {
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    }

    /** The parameters of seed {@code seed}: a different cluster and fault mix for every seed. */
    public static SimParameters forSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int members = r.nextInt(10) < 6 ? 3 : 5;
        long election = 100 + 50L * r.nextInt(5);
        long heartbeat = election / (3 + r.nextInt(8));
        boolean protections = r.nextInt(4) > 0;
        return new SimParameters(seed, members, election, heartbeat,
                1 + r.nextInt(r.nextBoolean() ? 3 : 64), 1 + r.nextInt(8), protections, protections,
                r.nextInt(4) == 0 ? 1024 : r.nextInt(8), 10 + r.nextInt(90), 2 + r.nextInt(4), 1 + r.nextInt(3),
                100 + r.nextInt(2000), 50 + r.nextInt(3000), 50 + r.nextInt(3000),
                4_000 + r.nextInt(8_000), 100 + r.nextInt(600), 0.02 + 0.2 * r.nextDouble(), 0.05 * r.nextDouble(),
                Set.of(), true, false);
    }

    /** The same run with {@code injected} mistakes in every core. */
    public SimParameters withBugs(Set<ClassicBug> injected) {
        return new SimParameters(seed, members, electionTimeoutMs, heartbeatMs, maxEntriesPerMessage, maxInflight,
                preVote, checkQuorum, entriesKeptAfterSnapshot, snapshotEvery, clients, keys, latencyMicros,
                jitterMicros, fsyncMicros, faultPhaseMs, meanFaultGapMs, maxDropRate, maxDuplicateRate, injected,
                checkRules, blankStart);
    }

    /** The same run with or without the rule checks. */
    public SimParameters withRuleChecks(boolean on) {
        return new SimParameters(seed, members, electionTimeoutMs, heartbeatMs, maxEntriesPerMessage, maxInflight,
                preVote, checkQuorum, entriesKeptAfterSnapshot, snapshotEvery, clients, keys, latencyMicros,
                jitterMicros, fsyncMicros, faultPhaseMs, meanFaultGapMs, maxDropRate, maxDuplicateRate, bugs, on,
                blankStart);
    }

    /** The same run with members starting blank (or trusted, {@code false}). */
    public SimParameters withBlankStart(boolean blank) {
        return new SimParameters(seed, members, electionTimeoutMs, heartbeatMs, maxEntriesPerMessage, maxInflight,
                preVote, checkQuorum, entriesKeptAfterSnapshot, snapshotEvery, clients, keys, latencyMicros,
                jitterMicros, fsyncMicros, faultPhaseMs, meanFaultGapMs, maxDropRate, maxDuplicateRate, bugs,
                checkRules, blank);
    }

    /** A short description for failure messages and traces. */
    public String summary() {
        return members + " members, election " + electionTimeoutMs + " ms, heartbeat " + heartbeatMs + " ms, "
                + maxEntriesPerMessage + " entries/msg, inflight " + maxInflight + ", pre-vote/check-quorum "
                + preVote + ", keep " + entriesKeptAfterSnapshot + " after snapshot, snapshot every " + snapshotEvery
                + ", " + clients + " clients on " + keys + " keys, latency " + latencyMicros + "+~" + jitterMicros
                + " us, fsync " + fsyncMicros + " us, faults for " + faultPhaseMs + " ms every ~" + meanFaultGapMs
                + " ms" + (bugs.isEmpty() ? "" : ", injected " + bugs) + (blankStart ? ", blank start" : "");
    }
}
