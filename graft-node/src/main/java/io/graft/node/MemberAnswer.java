package io.graft.node;

import io.graft.api.config.Member;
import io.graft.core.internal.client.ClientStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * What one member said to a {@link StatusProbe}.
 *
 * @param member the member asked
 * @param status its answer, or empty if it did not answer in time
 * @param leaderHint the leader it named when it is not the leader, or 0
 * @param latency from the first request to its answer (includes a commit round trip at the leader)
 */
record MemberAnswer(Member member, Optional<ClientStatus> status, int leaderHint, Duration latency) {

    /** Whether the member answered as the leader: it committed the probe through the log. */
    boolean leads() {
        if (status.isEmpty()) {
            return false;
        }
        switch (status.get()) {
            case OK:
            case APPLY_FAILED:
            case RESULT_NOT_ENCODABLE:
                return true;
            default:
                return false;
        }
    }

    /** The member's state in words. */
    String describe(Duration timeout) {
        if (status.isEmpty()) {
            return "no answer within " + GraftCli.describe(timeout);
        }
        if (leads()) {
            return "leader";
        }
        switch (status.get()) {
            case NOT_LEADER:
                return leaderHint > 0 ? "follower, leader is " + leaderHint : "not leader, no leader known";
            case OVERLOADED:
                return "leader, overloaded";
            case OUTCOME_UNKNOWN:
                return "lost leadership while answering";
            default:
                return "answered " + status.get();
        }
    }
}
