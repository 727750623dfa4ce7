package io.graft.core.internal.raft;

/**
 * A leader's view of one other member's replication, copied out of its {@code Progress} for reports.
 *
 * @param memberId the member
 * @param voter whether it votes
 * @param match the highest index known to be in its log
 * @param next the next index to send it
 * @param inflight appends sent and not yet answered
 * @param mode how the log is being sent
 * @param lastContactAt when it last answered in this term (the core's clock), or -1
 * @param catchingUp whether its last answer said it is catching up
 */
public record PeerProgress(int memberId, boolean voter, long match, long next, int inflight, Mode mode,
                           long lastContactAt, boolean catchingUp) {

    /** How the leader sends it the log. */
    public enum Mode { PROBE, REPLICATE, SNAPSHOT }
}
