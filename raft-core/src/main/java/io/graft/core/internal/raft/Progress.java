package io.graft.core.internal.raft;

/**
 * What a leader knows about one follower's log (etcd's design): in {@link Mode#PROBE} it sends one request at
 * a time until it finds where the logs match; in {@link Mode#REPLICATE} it streams entries optimistically,
 * with at most {@code maxInflight} unacknowledged requests.
 */
final class Progress {
    enum Mode { PROBE, REPLICATE, SNAPSHOT }

    final int memberId;
    Mode mode = Mode.PROBE;
    /** Highest index known to match the leader's log. */
    long match;
    /** Next index to send. */
    long next;
    /** In probe mode: a probe is out and unanswered, so wait (a heartbeat resends it). */
    boolean probeSent;
    /** In snapshot mode: the snapshot being sent, and when the transfer last made progress. */
    long pendingSnapshot;
    long snapshotProgressAt;
    /** The highest read context the follower echoed (see {@link ReadTracker}). */
    long ackedContext;
    /** Whether the follower answered anything since the last check-quorum round. */
    boolean recentlyActive;
    /** When (the core's clock) the follower last answered anything in this term, or -1 if it has not. */
    long lastContactAt = -1;
    /** Whether the follower answered an AppendEntries in this term, which says whether it is catching up. */
    boolean answered;
    /**
     * Whether its last answer said it is catching up (see {@link io.graft.core.storage.HardState#catchingUp()}):
     * its answers count toward the leader's majorities only when the leader is in the same situation.
     */
    boolean answeredCatchingUp;
    /** The leader's read context when {@link #answeredCatchingUp} (or the leader's own standing) last changed. */
    long standingSince;

    /** Records what an answer says; returns whether the follower's standing changed. */
    boolean answered(boolean catchingUp, long context) {
        boolean changed = !answered || answeredCatchingUp != catchingUp;
        if (changed) {
            standingSince = context;
        }
        answered = true;
        answeredCatchingUp = catchingUp;
        return changed;
    }
    /** The leader's read context when {@link #match} last advanced: a rejection of an older request may be stale. */
    long matchContext;
    /**
     * The oldest unacknowledged request (its last index) at the previous heartbeat, or -1. If it is still the
     * oldest at the next heartbeat, a whole interval passed without its acknowledgement: it was lost. (Answers
     * to heartbeats alone prove nothing, since they never acknowledge the lost entries.)
     */
    long oldestInflightAtHeartbeat = -1;
    /** Last indexes of the unacknowledged requests, oldest first (a ring buffer). */
    private final long[] inflight;
    private int inflightStart;
    private int inflightCount;

    Progress(int memberId, long next, int maxInflight) {
        this.memberId = memberId;
        this.next = next;
        this.inflight = new long[maxInflight];
    }

    boolean inflightFull() {
        return inflightCount == inflight.length;
    }

    int inflightCount() {
        return inflightCount;
    }

    /** The last index of the oldest unacknowledged request, or -1 if none is outstanding. */
    long oldestInflight() {
        return inflightCount == 0 ? -1 : inflight[inflightStart];
    }

    void addInflight(long lastIndex) {
        inflight[(inflightStart + inflightCount) % inflight.length] = lastIndex;
        inflightCount++;
    }

    /** Forgets the requests acknowledged by a match at {@code index}. */
    void freeInflightTo(long index) {
        while (inflightCount > 0 && inflight[inflightStart] <= index) {
            inflightStart = (inflightStart + 1) % inflight.length;
            inflightCount--;
        }
    }

    void becomeProbe() {
        mode = Mode.PROBE;
        next = match + 1;
        probeSent = false;
        inflightStart = 0;
        inflightCount = 0;
        oldestInflightAtHeartbeat = -1;
    }

    void becomeSnapshot(long snapshotIndex, long now) {
        mode = Mode.SNAPSHOT;
        pendingSnapshot = snapshotIndex;
        snapshotProgressAt = now;
        probeSent = false;
        inflightStart = 0;
        inflightCount = 0;
    }

    void becomeReplicate() {
        mode = Mode.REPLICATE;
        next = match + 1;
        probeSent = false;
        inflightStart = 0;
        inflightCount = 0;
        oldestInflightAtHeartbeat = -1;
    }

    @Override
    public String toString() {
        return "Progress[" + memberId + " " + mode + " match=" + match + " next=" + next + " inflight=" + inflightCount + "]";
    }
}
