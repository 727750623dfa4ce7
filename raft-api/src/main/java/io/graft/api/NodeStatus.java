package io.graft.api;

import java.util.OptionalInt;

/**
 * A consistent snapshot of one member's Raft state, taken on its event loop.
 *
 * @param memberId this member's id
 * @param role its role
 * @param term its current term
 * @param leaderId the leader it knows of in this term, or {@code 0} when none
 * @param commitIndex the highest log index it knows to be committed
 * @param appliedIndex the highest log index its state machine has applied
 * @param lastLogIndex the index of the last entry in its log
 * @param catchingUp whether it started without data and no leader has confirmed yet that it holds every
 *                   committed entry: until then it votes only alongside members in the same situation (see the
 *                   operations guide, "Members that start without data")
 */
public record NodeStatus(int memberId, Role role, long term, int leaderId, long commitIndex,
                         long appliedIndex, long lastLogIndex, boolean catchingUp) {

    /** A status of a member that is not catching up. */
    public NodeStatus(int memberId, Role role, long term, int leaderId, long commitIndex, long appliedIndex,
                      long lastLogIndex) {
        this(memberId, role, term, leaderId, commitIndex, appliedIndex, lastLogIndex, false);
    }

    /** The leader this member knows of, if any. */
    public OptionalInt leader() {
        return leaderId > 0 ? OptionalInt.of(leaderId) : OptionalInt.empty();
    }

    /** Whether this member is the leader. */
    public boolean isLeader() {
        return role == Role.LEADER;
    }
}
