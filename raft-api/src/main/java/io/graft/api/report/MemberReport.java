package io.graft.api.report;

import io.graft.api.Membership;
import io.graft.api.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything worth knowing about a running member at one moment, for dashboards, probes and operators: far more
 * than {@link io.graft.api.NodeStatus}, and cheap enough to ask for every second.
 *
 * @param memberId this member
 * @param clusterId the cluster it belongs to
 * @param role its role
 * @param term its term
 * @param leaderId the leader it knows of, if any
 * @param catchingUp whether it started without data and waits for a leader to confirm it caught up
 * @param commitIndex the highest log index it knows to be committed
 * @param appliedIndex the highest log index its state machine has applied
 * @param firstLogIndex the first entry still in its log (after compaction)
 * @param lastLogIndex the last entry in its log
 * @param logBytes the size of the entries in its log, in bytes (as encoded)
 * @param snapshotIndex the last log index its newest snapshot covers, 0 if it has none
 * @param snapshotBytes that snapshot's size
 * @param pendingCommands commands submitted here and not yet answered
 * @param pendingReads reads submitted here and not yet answered
 * @param membership the membership in effect here
 * @param followers on a leader, each other member's replication; empty on other members
 * @param uptime how long it has been running
 * @param failure why it stopped by itself, if it did
 */
public record MemberReport(int memberId, String clusterId, Role role, long term, OptionalInt leaderId,
                           boolean catchingUp, long commitIndex, long appliedIndex, long firstLogIndex,
                           long lastLogIndex, long logBytes, long snapshotIndex, long snapshotBytes,
                           int pendingCommands, int pendingReads, Membership membership,
                           List<FollowerReport> followers, Duration uptime, Optional<String> failure) {

    /** Copies the list of followers. */
    public MemberReport {
        followers = List.copyOf(followers);
    }

    /** The number of entries in its log. */
    public long logEntries() {
        return lastLogIndex >= firstLogIndex ? lastLogIndex - firstLogIndex + 1 : 0;
    }

    /** Committed entries its state machine has not applied yet. */
    public long applyLag() {
        return Math.max(0, commitIndex - appliedIndex);
    }

    /** Whether this member is the leader. */
    public boolean isLeader() {
        return role == Role.LEADER;
    }
}
