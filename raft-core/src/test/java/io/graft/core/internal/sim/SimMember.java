package io.graft.core.internal.sim;

import io.graft.api.Role;
import io.graft.core.internal.raft.CheckedMember;
import io.graft.core.internal.raft.RaftConfig;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.storage.HardState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated member: its disk (which outlives crashes), and for the current incarnation its core, its
 * state machine, the proposals it awaits, and whether it is paused. The {@link Simulation} drives it.
 */
final class SimMember implements CheckedMember {
    final int id;
    final RaftConfig config;
    /** The core's randomness (election jitter); it carries on across restarts. */
    final SplittableRandom coreRandom;
    final SimDisk disk;
    final PendingProposals pending = new PendingProposals();
    /** Work that arrived while paused, run in order when the pause ends. */
    final List<Runnable> deferred = new ArrayList<>();

    RaftCore core;
    boolean up;
    boolean paused;
    /** Bumped at each crash, so that work scheduled for an earlier incarnation is dropped. */
    int incarnation;
    KvStore store;
    long lastApplied;
    long lastAppliedTerm;
    long lastSnapshotIndex;
    boolean snapshotInFlight;
    Role lastRole = Role.FOLLOWER;
    /** The core deadline (ms) a timer event is scheduled for, or -1. */
    long timerAt = -1;
    /** Until when (micros) this member's disk is slow, and by what factor. */
    long slowDiskUntil;
    int slowDiskFactor = 1;
    private Marks marks;

    /** @param blankDisk whether the disk starts blank (as a new data directory) rather than trusted */
    SimMember(int id, RaftConfig config, SplittableRandom coreRandom, boolean blankDisk) {
        this.disk = new SimDisk(blankDisk ? HardState.BLANK : HardState.INITIAL);
        this.id = id;
        this.config = config;
        this.coreRandom = coreRandom;
    }

    void started(RaftCore core, KvStore store, long snapshotIndex, long snapshotTerm) {
        this.core = core;
        this.store = store;
        this.up = true;
        this.paused = false;
        this.lastApplied = snapshotIndex;
        this.lastAppliedTerm = snapshotTerm;
        this.lastSnapshotIndex = snapshotIndex;
        this.snapshotInFlight = false;
        this.lastRole = Role.FOLLOWER;
        this.timerAt = -1;
        this.marks = new Marks(core.commitIndex(), disk.recover().hardState());
    }

    void crashed() {
        up = false;
        paused = false;
        incarnation++;
        deferred.clear();
        pending.clear();
        timerAt = -1;
    }

    /** Whether work scheduled for incarnation {@code inc} may still run. */
    boolean current(int inc) {
        return up && inc == incarnation;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public RaftCore core() {
        return core;
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public Marks marks() {
        return marks;
    }

    @Override
    public String toString() {
        return "m" + id + (up ? paused ? " (paused)" : "" : " (down)") + " " + core + " applied=" + lastApplied + " "
                + disk;
    }
}
