package io.graft.core.internal.sim;

import io.graft.core.internal.raft.RaftCore;
import java.util.function.Supplier;

/**
 * Follows the one member whose disk was damaged (wiped, or cut) until a leader has repaired it: until its log
 * holds the leader's entry at the leader's commit index and it is no longer catching up. The repair must keep
 * moving: once the cluster is healthy (every member runs, no link is cut, no message is lost, a leader exists),
 * the member's log or commit index must grow at least every {@value #STALL_ELECTION_TIMEOUTS} election timeouts
 * of healthy time, or the run fails. Progress rather than a fixed time is bounded because a long log may come
 * over one entry per round trip.
 */
final class RepairWatch {
    /** Election timeouts of healthy cluster time a damaged member may go without progress towards repair. */
    static final int STALL_ELECTION_TIMEOUTS = 10;

    /** What happened to the member's disk. */
    enum Damage {
        /** Erased: log, snapshots and hard state. */
        WIPED,
        /** A suffix of the synced log lost; hard state kept. */
        LOST_SUFFIX
    }

    private final long stallBoundMicros;
    private int member;
    private Damage damage;
    private String what;
    private long since;
    private long bestLastIndex;
    private long bestCommitIndex;
    private long healthyMicrosWithoutProgress;

    RepairWatch(long electionMicros) {
        this.stallBoundMicros = STALL_ELECTION_TIMEOUTS * electionMicros;
    }

    /** Whether a damaged member is not yet repaired. */
    boolean pending() {
        return member != 0;
    }

    /** The damaged member, or 0. */
    int member() {
        return member;
    }

    /** Whether the pending damage is a lost suffix (the nemesis keeps quiet until it is repaired). */
    boolean lostSuffixPending() {
        return member != 0 && damage == Damage.LOST_SUFFIX;
    }

    /** Member {@code id}'s disk was damaged, as {@code what} describes, at {@code now}. */
    void begin(int id, Damage kind, String description, long now) {
        if (pending()) {
            throw new IllegalStateException("member " + member + " is not yet repaired; member " + id
                    + " cannot be damaged too");
        }
        member = id;
        damage = kind;
        what = description;
        since = now;
        bestLastIndex = -1;
        bestCommitIndex = -1;
        healthyMicrosWithoutProgress = 0;
    }

    /** Whether {@code damaged} (running) holds {@code leader}'s entry at its commit index and votes again. */
    static boolean upToDate(RaftCore damaged, RaftCore leader) {
        long commit = leader.commitIndex();
        boolean holds = damaged.commitIndex() >= commit
                || (damaged.termAt(commit) >= 0 && damaged.termAt(commit) == leader.termAt(commit));
        return holds && !damaged.catchingUp();
    }

    /** The member was repaired at {@code now}: returns how long it took, and stops watching. */
    long repaired(long now) {
        member = 0;
        return now - since;
    }

    /**
     * One look at the unrepaired member, {@code elapsed} micros after the last.
     *
     * @param core its core, or {@code null} while it is down
     * @param healthy whether the cluster was healthy since the last look
     * @param cluster describes the cluster for a failure message
     * @throws AssertionError if the repair made no progress for the bound of healthy time
     */
    void observe(RaftCore core, boolean healthy, long elapsed, long now, Supplier<String> cluster) {
        if (core != null && (core.lastIndex() > bestLastIndex || core.commitIndex() > bestCommitIndex)) {
            bestLastIndex = Math.max(bestLastIndex, core.lastIndex());
            bestCommitIndex = Math.max(bestCommitIndex, core.commitIndex());
            healthyMicrosWithoutProgress = 0;
            return;
        }
        if (healthy) {
            healthyMicrosWithoutProgress += elapsed;
        }
        if (healthyMicrosWithoutProgress > stallBoundMicros) {
            throw new AssertionError("repair: member " + member + " (" + what + ", " + (now - since) / 1000
                    + " ms ago) was not brought up to date by the leader: no progress in "
                    + STALL_ELECTION_TIMEOUTS + " election timeouts of a healthy cluster (log at " + bestLastIndex
                    + ", commit " + bestCommitIndex + "); " + cluster.get());
        }
    }

    @Override
    public String toString() {
        return member == 0 ? "no damaged member" : "member " + member + " " + what;
    }
}
