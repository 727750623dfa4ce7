package io.graft.api.report;

import java.time.Duration;
import java.util.Optional;

/**
 * A leader's view of one other member's replication.
 *
 * @param memberId the member
 * @param voter whether it votes (a learner does not)
 * @param matchIndex the highest log index known to be in its log
 * @param nextIndex the next log index the leader will send it
 * @param inflightAppends appends sent to it and not yet answered
 * @param mode how the leader is sending it the log
 * @param sinceLastContact how long since the leader last heard from it; empty if it never has in this term
 * @param catchingUp whether it started without data and waits for the leader to confirm it caught up
 */
public record FollowerReport(int memberId, boolean voter, long matchIndex, long nextIndex, int inflightAppends,
                             ReplicationMode mode, Optional<Duration> sinceLastContact, boolean catchingUp) {

    /** How many entries it lacks of the leader's log, given the index of the leader's last entry. */
    public long lag(long leaderLastIndex) {
        return Math.max(0, leaderLastIndex - matchIndex);
    }
}
