package io.graft.core.internal.raft;

import io.graft.core.storage.HardState;

/**
 * What {@link SafetyChecker} needs to see of one simulated member: its core, whether it runs, how far its
 * state machine got, and the checker's own notes about the current incarnation. Both the hand-driven
 * {@link CoreCluster} and the whole-cluster simulator in {@code io.graft.core.internal.sim} implement it.
 */
public interface CheckedMember {

    /** The member's id. */
    int id();

    /** Whether the member runs (a crashed member is not checked until it restarts). */
    boolean isUp();

    /** The member's current core (a restart builds a new one). */
    RaftCore core();

    /** The index of the last entry its state machine holds: applied, or restored from a snapshot (0 if none). */
    long lastApplied();

    /** The checker's notes about this incarnation; a restart starts fresh ones. */
    Marks marks();

    /** What the checker remembers about one incarnation of a member, to tell that its state only moves forward. */
    final class Marks {
        long lastSeenCommit;
        HardState lastIssuedHardState;

        /**
         * @param commitIndex the commit index the incarnation starts with
         * @param hardState the hard state it recovered
         */
        public Marks(long commitIndex, HardState hardState) {
            this.lastSeenCommit = commitIndex;
            this.lastIssuedHardState = hardState;
        }
    }
}
