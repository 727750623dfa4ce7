package io.graft.core.internal.sim;

import io.graft.api.MalformedMessageException;
import io.graft.api.Role;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.MessageCodec;
import io.graft.core.internal.raft.CoreTestHooks;
import io.graft.core.internal.raft.RaftConfig;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.internal.raft.Ready;
import io.graft.core.internal.raft.SafetyChecker;
import io.graft.core.internal.raft.SnapshotTarget;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A whole cluster of real {@link RaftCore}s on one thread, driven by one seed. Every member's core is played
 * the way the runtime plays it (send {@code messages} now; group-commit the writes, then release
 * {@code messagesAfterPersist} and report {@code persisted}; apply {@code committed}; store and install
 * snapshots), with simulated time, network, disks and clients. Nothing reads the wall clock, starts a
 * thread or draws unseeded randomness: a seed always gives the same run, down to the trace hash.
 *
 * <p>A run has three phases: faults (the {@link Nemesis} acts while clients work), quiet (the network heals,
 * every member runs, and a new command must commit within a bound: liveness), and drain (clients stop, the
 * cluster must converge). Safety is checked at every step ({@link SafetyChecker}, {@link Invariants}), the
 * client history at the end ({@link LinearizabilityChecker}). A member whose disk the nemesis damaged (wiped, or
 * cut) must be repaired by a leader without stalling ({@link RepairWatch}).
 */
public final class Simulation implements Nemesis.Target, Workload.Cluster {
    /** A run with more events than this is stuck in a storm, which is a bug. */
    private static final long MAX_EVENTS = 30_000_000;
    /** Election timeouts the cluster may take, once faults stop, to elect a leader and commit a command. */
    static final int LIVENESS_BOUND_ELECTION_TIMEOUTS = 25;
    /** Election timeouts without any member applying anything, once clients stop, that count as stuck. */
    private static final int STALL_ELECTION_TIMEOUTS = 20;
    /** The longest a cluster may take to converge once clients stop, however steadily it progresses. */
    private static final long CONVERGENCE_LIMIT_MICROS = 60_000_000;
    /** How long clients keep working after the faults stop. */
    private static final long QUIET_WORK_MICROS = 1_500_000;
    /** The slowest single fsync: a disk this slow is faulty enough; slower would only stall the run. */
    private static final long MAX_FSYNC_MICROS = 1_000_000;
    /** Pending events beyond this mean messages multiply without bound. */
    private static final int MAX_PENDING_EVENTS = 1_000_000;

    private final SimParameters p;
    private final EventQueue clock = new EventQueue();
    private final Trace trace;
    private final SplittableRandom diskRandom;
    private final SplittableRandom crashRandom;
    private final SplittableRandom clientLinkRandom;
    private final NetworkModel network;
    private final List<SimMember> members = new ArrayList<>();
    private final List<Integer> voters = new ArrayList<>();
    private final SafetyChecker checker;
    private final History history = new History();
    private final Invariants invariants;
    private final Workload workload;
    private final Nemesis nemesis;
    private final long electionMicros;
    private boolean faultsActive = true;
    private long livenessMicros = -1;
    private long markerTerm = -1;
    private final List<Long> markerOps = new ArrayList<>();
    private final RepairWatch repair;
    private int crashes;
    private int snapshotsInstalled;
    private int wipes;
    private int suffixLosses;
    private long slowestRepairMicros = -1;
    private LinearizabilityChecker.Verdict verdict = LinearizabilityChecker.Verdict.LINEARIZABLE;

    /** @param tracePrinter where to print the trace as it happens, or {@code null} */
    public Simulation(SimParameters p, PrintStream tracePrinter) {
        this.p = p;
        this.trace = new Trace(clock, tracePrinter);
        this.electionMicros = p.electionTimeoutMs() * 1000;
        SplittableRandom root = new SplittableRandom(p.seed());
        this.network = new NetworkModel(p.members(), root.split(), p.latencyMicros(), p.jitterMicros(), 3 * electionMicros);
        this.diskRandom = root.split();
        this.crashRandom = root.split();
        this.clientLinkRandom = root.split();
        this.checker = new SafetyChecker(p.checkRules());
        this.invariants = new Invariants(checker, history, p.keys());
        this.workload = new Workload(clock, root.split(), history, trace, this, p.clients(), p.members(), p.keys(),
                10 * electionMicros, 20_000);
        this.nemesis = new Nemesis(clock, root.split(), this, p);
        this.repair = new RepairWatch(electionMicros);
        int[] ids = new int[p.members()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
            voters.add(i + 1);
        }
        for (int id : ids) {
            RaftConfig config = new RaftConfig(id, ids, p.electionTimeoutMs(), p.heartbeatMs(), p.maxEntriesPerMessage(),
                    1 << 20, p.maxInflight(), p.preVote(), p.checkQuorum());
            members.add(new SimMember(id, config, root.split(), p.blankStart()));
        }
    }

    /** Runs the whole simulation; never throws: a violation is reported in the result. */
    public SimResult run() {
        Throwable failure = null;
        try {
            trace.record(0, "parameters", p.summary());
            members.forEach(this::start);
            workload.start();
            nemesis.start();
            long faultEnd = p.faultPhaseMs() * 1000;
            runUntil(faultEnd);
            quiet();
            awaitLiveness(faultEnd + LIVENESS_BOUND_ELECTION_TIMEOUTS * electionMicros);
            runUntil(Math.max(clock.now(), faultEnd + QUIET_WORK_MICROS));
            workload.stop();
            awaitConvergence(clock.now() + CONVERGENCE_LIMIT_MICROS);
            finalChecks();

        } catch (Throwable t) {
            failure = t;
            trace.record(0, "VIOLATION", String.valueOf(t));
        }
        return new SimResult(p, trace.hash(), trace.events(), clock.now(), history.ops().size(),
                history.count(History.Status.OK), history.count(History.Status.FAIL),
                history.count(History.Status.UNKNOWN), checker.committedCount(), crashes, snapshotsInstalled,
                wipes, suffixLosses, slowestRepairMicros, livenessMicros, verdict, failure,
                failure == null ? "" : trace.tail());
    }

    private void runUntil(long until) {
        while (clock.runNext(until)) {
            if (clock.executed() > MAX_EVENTS) {
                throw new AssertionError("more than " + MAX_EVENTS + " events: a message or timer storm");
            }
            if (clock.pending() > MAX_PENDING_EVENTS) {
                throw new AssertionError("more than " + MAX_PENDING_EVENTS + " events pending: messages multiply");
            }
        }
    }

    private long nowMs() {
        return clock.now() / 1000;
    }

    // ------------------------------------------------------------------ phases

    private void quiet() {
        faultsActive = false;
        trace.record(0, "quiet", "faults stop: network healed, every member runs");
        calm();
    }

    @Override
    public void calm() {
        network.healAll();
        for (SimMember n : members) {
            n.slowDiskUntil = 0;
            if (!n.up) {
                start(n);
            } else if (n.paused) {
                resume(n);
            }
        }
    }

    /** Liveness: a leader gets elected and a new command commits within the bound. */
    private void awaitLiveness(long deadline) {
        long since = clock.now();
        while (true) {
            for (long op : markerOps) {
                if (invariants.committedIndexOf(op) != null) {
                    livenessMicros = clock.now() - since;
                    trace.record(0, "liveness", "a new command committed " + livenessMicros / 1000
                            + " ms after the faults stopped");
                    return;
                }
            }
            if (clock.now() > deadline) {
                throw new AssertionError("liveness: no new command committed within "
                        + LIVENESS_BOUND_ELECTION_TIMEOUTS + " election timeouts after the faults stopped; "
                        + describe());
            }
            SimMember leader = leader();
            if (leader != null && leader.core.term() != markerTerm) {
                markerTerm = leader.core.term();
                long opId = -(markerOps.size() + 1L);
                markerOps.add(opId);
                leader.core.tick(nowMs());
                leader.core.propose(List.of(new KvCommand(KvCommand.Kind.MARKER, opId, 0, 0).encode()));
                trace.record(leader.id, "marker", opId, "liveness probe " + opId);
                pump(leader);
            }
            runUntil(clock.now() + p.heartbeatMs() * 1000);
        }
    }

    /**
     * Waits until every member applied the whole log. A lagging member may take long to catch up (one entry
     * per round trip, with some settings), so the bound is on progress: the members' applied indexes must move
     * at least every {@link #STALL_ELECTION_TIMEOUTS} election timeouts, and it all must end by {@code deadline}.
     */
    private void awaitConvergence(long deadline) {
        long progressAt = clock.now();
        long applied = totalApplied();
        while (!(workload.idle() && converged())) {
            if (totalApplied() != applied) {
                applied = totalApplied();
                progressAt = clock.now();
            }
            if (clock.now() - progressAt > STALL_ELECTION_TIMEOUTS * electionMicros || clock.now() > deadline) {
                throw new AssertionError("no convergence after the clients stopped: " + describe());
            }
            runUntil(clock.now() + p.heartbeatMs() * 1000);
        }
        trace.record(0, "converged", describe());
    }

    private long totalApplied() {
        long sum = 0;
        for (SimMember n : members) {
            sum += n.lastApplied;
        }
        return sum;
    }

    private boolean converged() {
        SimMember leader = leader();
        if (leader == null || leader.core.commitIndex() != leader.core.lastIndex()) {
            return false;
        }
        for (SimMember n : members) {
            if (!n.up || n.core.leaderId() != leader.id || n.lastApplied != leader.core.commitIndex()
                    || n.store.digest() != leader.store.digest()) {
                return false;
            }
        }
        return true;
    }

    private void finalChecks() {
        // A member that holds the whole log is caught up once its leader has confirmed a round that began after
        // it stopped counting: allow that a few heartbeats after convergence.
        long graceEnd = clock.now() + 5 * electionMicros;
        while (repair.pending() && !repairedNow() && clock.now() < graceEnd) {
            runUntil(clock.now() + p.heartbeatMs() * 1000);
        }
        if (repair.pending() && !repairedNow()) {
            throw new AssertionError("repair: " + repair + " was never brought up to date; " + describe());
        }
        checker.checkLogMatching(members);
        verdict = HistoryCheck.check(history, invariants, p.keys(), trace);
    }

    /** The running leader with the highest term, or {@code null}. */
    private SimMember leader() {
        SimMember best = null;
        for (SimMember n : members) {
            if (n.up && !n.paused && n.core.role() == Role.LEADER && (best == null || n.core.term() > best.core.term())) {
                best = n;
            }
        }
        return best;
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("t=" + clock.now() / 1000 + " ms, network " + network + ", "
                + repair);
        for (SimMember n : members) {
            sb.append("\n    ").append(n);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ member lifecycle

    private void start(SimMember n) {
        SimDisk.Snapshot s = n.disk.snapshot();
        KvStore store = new KvStore(p.keys());
        long index = 0;
        long term = 0;
        if (s != null) {
            store.restore(SnapshotFiles.data(s.file()));
            index = s.meta().index();
            term = s.meta().term();
        }
        RaftCore core = new RaftCore(n.config, n.disk.recover(), s == null ? null : s.meta(), n.coreRandom, nowMs());
        CoreTestHooks.inject(core, p.bugs());
        CoreTestHooks.keepEntriesAfterSnapshot(core, p.entriesKeptAfterSnapshot());
        n.started(core, store, index, term);
        trace.record(n.id, "start", core.toString());
        if (s != null) {
            invariants.onSnapshotRestored(n, index, term);
        }
        pump(n);
    }

    @Override
    public void crash(int id) {
        SimMember n = member(id);
        if (!n.up) {
            return;
        }
        SimDisk.CrashLoss loss = n.disk.crash(crashRandom);
        n.crashed();
        crashes++;
        trace.record(id, "crash", loss);
    }

    @Override
    public void restart(int id) {
        SimMember n = member(id);
        if (!n.up) {
            start(n);
        }
    }

    @Override
    public void pause(int id, long micros) {
        SimMember n = member(id);
        if (!n.up || n.paused) {
            return;
        }
        n.paused = true;
        n.timerAt = -1;
        int inc = n.incarnation;
        trace.record(id, "pause", "for " + micros / 1000 + " ms");
        clock.after(micros, () -> {
            if (n.current(inc) && n.paused) {
                resume(n);
            }
        });
    }

    private void resume(SimMember n) {
        n.paused = false;
        trace.record(n.id, "resume", n.deferred.size() + " deferred events");
        List<Runnable> work = new ArrayList<>(n.deferred);
        n.deferred.clear();
        for (Runnable w : work) {
            if (n.up && !n.paused) {
                w.run();
            }
        }
        if (n.up) {
            n.core.tick(nowMs());
            pump(n);
        }
    }

    /** Runs {@code work} on member {@code n} if incarnation {@code inc} still runs; later if it is paused. */
    private void whenRunning(SimMember n, int inc, Runnable work) {
        if (!n.current(inc)) {
            return;
        }
        if (n.paused) {
            n.deferred.add(work);
            return;
        }
        work.run();
    }

    @Override
    public void slowDisk(int id, int factor, long micros) {
        SimMember n = member(id);
        n.slowDiskFactor = factor;
        n.slowDiskUntil = clock.now() + micros;
        trace.record(id, "slow disk", "x" + factor + " for " + micros / 1000 + " ms");
    }

    @Override
    public boolean faultsActive() {
        return faultsActive;
    }

    @Override
    public NetworkModel network() {
        return network;
    }

    @Override
    public boolean isUp(int id) {
        return member(id).up;
    }

    @Override
    public void note(String what) {
        trace.record(0, "nemesis", what);
    }

    private SimMember member(int id) {
        return members.get(id - 1);
    }

    // ------------------------------------------------------------------ playing Readies

    private void pump(SimMember n) {
        while (n.up && !n.paused && n.core.hasReady()) {
            Ready r = n.core.ready();
            checker.onReady(n, r);
            invariants.onWrite(n, r.entries());
            trace.record(n.id, "ready", ReadySummary.digest(r), new ReadySummary(r));
            long newLeaderTerm = r.role() == Role.LEADER && n.lastRole != Role.LEADER ? r.term() : -1;
            for (Message m : r.messages()) {
                send(m, newLeaderTerm);
            }
            if (r.needsStorage()) {
                n.disk.submit(new SimDisk.Write(r.resetLogTo(), r.hardState(), r.entries(), r.compactLogTo(),
                        r.messagesAfterPersist()));
                maybeStartSync(n);
            }
            if (n.lastRole == Role.LEADER && r.role() != Role.LEADER) {
                for (PendingProposals.Pending lost : n.pending.leadershipLost(r.commitIndex())) {
                    reply(lost, Workload.Outcome.unknown("leadership lost before entry " + lost.index() + " committed"));
                }
            }
            if (r.truncatedFrom() > 0) {
                for (PendingProposals.Pending lost : n.pending.overwrittenFrom(r.truncatedFrom())) {
                    reply(lost, Workload.Outcome.failed("entry " + lost.index() + " overwritten by a newer leader"));
                }
            }
            if (r.role() == Role.LEADER) {
                for (SnapshotTarget t : r.snapshotTargets()) {
                    sendSnapshot(n, t, r.term());
                }
            }
            for (InstallSnapshot chunk : r.snapshotChunks()) {
                receiveSnapshot(n, chunk);
            }
            n.lastRole = r.role();
            if (!r.committed().isEmpty()) {
                LogEntry last = r.committed().get(r.committed().size() - 1);
                apply(n, r.committed(), n.pending.takeUpTo(last.index()));
            }
        }
        checker.afterEvent(members);
        scheduleTimer(n);
    }

    private void scheduleTimer(SimMember n) {
        if (!n.up || n.paused) {
            return;
        }
        long deadline = n.core.nextDeadline();
        if (deadline == n.timerAt) {
            return;
        }
        n.timerAt = deadline;
        int inc = n.incarnation;
        clock.at(deadline * 1000, () -> {
            if (n.current(inc) && !n.paused && n.timerAt == deadline) {
                n.timerAt = -1;
                n.core.tick(nowMs());
                pump(n);
            }
        });
    }

    private void apply(SimMember n, List<LogEntry> entries, List<PendingProposals.Pending> pending) {
        int next = 0;
        for (LogEntry e : entries) {
            invariants.beforeApply(n, e, members);
            while (next < pending.size() && pending.get(next).index() < e.index()) {
                next++;
            }
            PendingProposals.Pending mine = next < pending.size() && pending.get(next).index() == e.index()
                    ? pending.get(next++) : null;
            long result = 0;
            if (e.type() == EntryType.COMMAND) {
                result = n.store.apply(KvCommand.decode(e.payload()));
            }
            n.lastApplied = e.index();
            n.lastAppliedTerm = e.term();
            invariants.afterApply(n);
            if (mine != null) {
                reply(mine, mine.term() == e.term() ? Workload.Outcome.ok(result)
                        : Workload.Outcome.failed("entry " + e.index() + " was overwritten by a newer leader"));
            }
        }
        if (n.lastApplied - n.lastSnapshotIndex >= p.snapshotEvery()) {
            snapshot(n.id);
        }
    }

    // ------------------------------------------------------------------ network

    private void send(Message m) {
        send(m, -1);
    }

    /** Puts {@code m} on the network; {@code newLeaderTerm} is the term its sender just won, or -1. */
    private void send(Message m, long newLeaderTerm) {
        invariants.onSend(m);
        nemesis.onSend(m, newLeaderTerm);
        byte[] bytes = MessageCodec.encode(m);
        long digest = Trace.digest(bytes);
        int copies = network.linkUp(m.from(), m.to()) ? network.copies() : 0;
        trace.record(m.from(), copies == 0 ? "send (lost)" : copies == 2 ? "send (x2)" : "send", digest, m);
        for (int i = 0; i < copies; i++) {
            clock.after(network.latency(bytes.length), () -> deliver(m.from(), m.to(), bytes, digest));
        }
    }

    private void deliver(int from, int to, byte[] bytes, long digest) {
        SimMember n = member(to);
        if (!network.linkUp(from, to) || !n.up) {
            trace.record(to, "drop", digest, n.up ? "link cut " + from + " -> " + to : "member down");
            return;
        }
        Runnable step = () -> {
            Message m;
            try {
                m = MessageCodec.decode(bytes);
            } catch (MalformedMessageException e) {
                throw new AssertionError("member " + from + " sent a message its peers refuse: " + e.getMessage(), e);
            }
            trace.record(to, "recv", digest, m);
            n.core.tick(nowMs());
            n.core.step(m);
            pump(n);
        };
        if (n.paused) {
            n.deferred.add(step);
        } else {
            step.run();
        }
    }

    // ------------------------------------------------------------------ disk

    private void maybeStartSync(SimMember n) {
        if (n.disk.syncing() || !n.disk.hasQueued()) {
            return;
        }
        List<SimDisk.Write> batch = n.disk.startSync();
        boolean writes = batch.stream().anyMatch(w -> w.resetLogTo() > 0 || w.hardState() != null
                || !w.entries().isEmpty());
        long d = writes ? fsyncMicros(n) : 5;
        int inc = n.incarnation;
        clock.after(d, () -> whenRunning(n, inc, () -> syncDone(n)));
    }

    private long fsyncMicros(SimMember n) {
        long d = p.fsyncMicros() / 2 + (long) (-Math.log(1 - diskRandom.nextDouble()) * p.fsyncMicros() / 2);
        if (diskRandom.nextInt(50) == 0) {
            d *= 5 + diskRandom.nextInt(20);
        }
        if (n.slowDiskUntil > clock.now()) {
            d *= n.slowDiskFactor;
        }
        return Math.min(d, MAX_FSYNC_MICROS);
    }

    private void syncDone(SimMember n) {
        List<SimDisk.Write> done = n.disk.completeSync();
        LogEntry last = null;
        for (SimDisk.Write w : done) {
            for (Message m : w.afterPersist()) {
                checker.onRelease(n, m);
                send(m);
            }
            if (!w.entries().isEmpty()) {
                last = w.entries().get(w.entries().size() - 1);
            }
        }
        trace.record(n.id, "synced", last == null ? 0 : last.index() * 31 + last.term(),
                done.size() + " writes" + (last == null ? "" : ", last entry " + last.index() + "@" + last.term()));
        n.core.tick(nowMs());
        if (last != null) {
            n.core.persisted(last.index(), last.term());
        }
        pump(n);
        maybeStartSync(n);
    }

    // ------------------------------------------------------------------ disk damage and repair

    @Override
    public boolean repairPending() {
        return repair.pending();
    }

    @Override
    public boolean quietUntilRepaired() {
        return repair.lostSuffixPending();
    }

    @Override
    public boolean mayWipe(int id) {
        SimMember n = member(id);
        return !n.up && !repair.pending() && DamageRules.mayWipe(n, members);
    }

    @Override
    public void wipe(int id) {
        SimMember n = member(id);
        if (!mayWipe(id)) {
            throw new IllegalStateException("member " + id + " may not be wiped now: " + describe());
        }
        String before = n.disk.toString();
        n.disk.wipe();
        // For voting, a wiped member is a new one: it no longer knows its votes, and only grants candidates
        // without entries (which cannot win while the members catching up are a minority). Election safety
        // (one leader per term) is still checked.
        checker.forgetVotesOf(id);
        invariants.forgetVotesOf(id);
        wipes++;
        trace.record(id, "wipe", "disk erased while down (was " + before + ")");
        beginRepairWatch(id, RepairWatch.Damage.WIPED, "wiped at " + before);
    }

    @Override
    public long durableLastIndex(int id) {
        return member(id).disk.lastIndex();
    }

    @Override
    public long lowestSafeCut(int id) {
        return DamageRules.lowestSafeCut(member(id), members);
    }

    @Override
    public void loseSuffix(int id, long keepThrough) {
        SimMember n = member(id);
        if (n.up || repair.pending() || keepThrough < lowestSafeCut(id)) {
            throw new IllegalStateException("member " + id + " may not lose entries after " + keepThrough + " now: "
                    + describe());
        }
        String before = n.disk.toString();
        int lost = n.disk.loseSuffixAfter(keepThrough);
        suffixLosses++;
        trace.record(id, "lose suffix", "disk lost " + lost + " synced entries after " + keepThrough + " while down"
                + " (was " + before + ")");
        beginRepairWatch(id, RepairWatch.Damage.LOST_SUFFIX, "lost " + lost + " synced entries after " + keepThrough);
    }

    private void beginRepairWatch(int id, RepairWatch.Damage damage, String what) {
        repair.begin(id, damage, what, clock.now());
        scheduleRepairCheck();
    }

    private void scheduleRepairCheck() {
        long interval = p.heartbeatMs() * 1000;
        boolean healthy = clusterHealthy();
        clock.after(interval, () -> checkRepair(interval, healthy && clusterHealthy()));
    }

    /** Every member runs, no link is cut, no message is lost, and a leader exists. */
    private boolean clusterHealthy() {
        for (SimMember n : members) {
            if (!n.up || n.paused) {
                return false;
            }
        }
        return network.healthy() && leader() != null;
    }

    private void checkRepair(long elapsed, boolean healthy) {
        if (!repairedNow()) {
            SimMember n = member(repair.member());
            repair.observe(n.up ? n.core : null, healthy, elapsed, clock.now(), this::describe);
            scheduleRepairCheck();
        }
    }

    /** Whether the damaged member is up to date with the leader now; if so, the watch ends. */
    private boolean repairedNow() {
        SimMember n = member(repair.member());
        SimMember leader = leader();
        if (!n.up || n.paused || leader == null || !RepairWatch.upToDate(n.core, leader.core)) {
            return false;
        }
        long took = repair.repaired(clock.now());
        slowestRepairMicros = Math.max(slowestRepairMicros, took);
        trace.record(n.id, "repaired", "up to date with leader " + leader.id + " at commit "
                + leader.core.commitIndex() + ", " + took / 1000 + " ms after the damage");
        return true;
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    public void snapshot(int id) {
        SimMember n = member(id);
        if (!n.up || n.paused || n.snapshotInFlight || n.lastApplied == 0 || n.lastApplied == n.lastSnapshotIndex) {
            return;
        }
        SnapshotMeta meta = new SnapshotMeta(n.lastApplied, n.lastAppliedTerm, voters);
        byte[] file = SnapshotFiles.write(meta, n.store.snapshot());
        n.snapshotInFlight = true;
        n.lastSnapshotIndex = n.lastApplied;
        int inc = n.incarnation;
        trace.record(id, "snapshot", meta.index(), "capturing state at " + meta.index() + "@" + meta.term());
        clock.after(fsyncMicros(n) + file.length, () -> whenRunning(n, inc, () -> {
            n.snapshotInFlight = false;
            n.disk.storeSnapshot(new SimDisk.Snapshot(meta, file));
            trace.record(id, "snapshot", meta.index(), "durable at " + meta.index() + "@" + meta.term());
            n.core.tick(nowMs());
            n.core.snapshotTaken(meta.index(), meta.term());
            pump(n);
        }));
    }

    private void sendSnapshot(SimMember leader, SnapshotTarget t, long term) {
        SimDisk.Snapshot s = leader.disk.snapshot(t.index(), t.term());
        if (s == null) {
            // As the runtime does: it cannot read the snapshot, logs it, and the transfer stalls until retried.
            trace.record(leader.id, "snapshot gone", t.index(), "cannot send snapshot " + t.index() + "@" + t.term()
                    + " to " + t.memberId() + ": no longer stored (" + leader.disk + ")");
            return;
        }
        send(new InstallSnapshot(leader.id, t.memberId(), term, t.index(), t.term(), s.file().length, 0, s.file(),
                true));
    }

    private void receiveSnapshot(SimMember n, InstallSnapshot chunk) {
        SnapshotMeta meta;
        try {
            meta = SnapshotFiles.verify(chunk.data());
        } catch (IOException e) {
            throw new AssertionError("member " + n.id + " received a damaged snapshot: " + e.getMessage(), e);
        }
        if (meta.index() != chunk.index() || meta.term() != chunk.snapshotTerm()) {
            throw new AssertionError("snapshot chunk " + chunk + " carries snapshot " + meta);
        }
        int inc = n.incarnation;
        byte[] file = chunk.data();
        clock.after(fsyncMicros(n) + file.length, () -> whenRunning(n, inc, () -> {
            n.disk.storeSnapshot(new SimDisk.Snapshot(meta, file));
            n.core.tick(nowMs());
            boolean install = meta.index() > n.core.commitIndex();
            trace.record(n.id, "snapshot in", meta.index(), "received " + meta.index() + "@" + meta.term() + " from "
                    + chunk.from() + (install ? ", installing" : ", already committed"));
            if (install) {
                n.store.restore(SnapshotFiles.data(file));
                n.lastApplied = meta.index();
                n.lastAppliedTerm = meta.term();
                n.lastSnapshotIndex = Math.max(n.lastSnapshotIndex, meta.index());
                invariants.onSnapshotRestored(n, meta.index(), meta.term());
                snapshotsInstalled++;
                n.core.snapshotInstalled(meta.index(), meta.term(), chunk.from());
            }
            pump(n);
        }));
    }

    // ------------------------------------------------------------------ clients

    @Override
    public void request(int memberId, int client, History.Op op) {
        SimMember n = member(memberId);
        clock.after(clientLatency(), () -> {
            if (!n.up) {
                return; // Lost with the member; the client times out.
            }
            Runnable arrive = () -> {
                n.core.tick(nowMs());
                long index = n.core.propose(List.of(op.command().encode()));
                trace.record(memberId, "propose", op.id * 31 + index, op + (index < 0 ? ": not leader" : " at " + index));
                if (index < 0) {
                    replyTo(client, op.id, Workload.Outcome.notLeader(n.core.leaderId()));
                } else {
                    n.pending.add(new PendingProposals.Pending(index, n.core.term(), op.id, client));
                }
                pump(n);
            };
            if (n.paused) {
                n.deferred.add(arrive);
            } else {
                arrive.run();
            }
        });
    }

    @Override
    public void reported(History.Op op) {
        if (op.status == History.Status.FAIL) {
            invariants.onFailureReported(op);
        }
    }

    private void reply(PendingProposals.Pending p, Workload.Outcome outcome) {
        replyTo(p.client(), p.opId(), outcome);
    }

    private void replyTo(int client, long opId, Workload.Outcome outcome) {
        clock.after(clientLatency(), () -> workload.onReply(client, opId, outcome));
    }

    private long clientLatency() {
        return 100 + (long) (-Math.log(1 - clientLinkRandom.nextDouble()) * 400);
    }
}
