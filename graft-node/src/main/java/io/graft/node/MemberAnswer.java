package io.graft.node;

import io.graft.api.config.Member;
import io.graft.core.internal.client.ClientStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * What one member said to a {@link StatusProbe}.
 *
 * @param member the member asked
 * @param status its answer, or empty if it did not answer
 * @param leaderHint the leader it named when it is not the leader, or 0
 * @param latency from the first request to its answer (includes a commit round trip at the leader, and any wait
 *                for an election), or how long it was waited for when it did not answer
 */
record MemberAnswer(Member member, Optional<ClientStatus> status, int leaderHint, Duration latency) {

    /** A member that did not answer within {@code waited}. */
    static MemberAnswer silent(Member member, Duration waited) {
        return new MemberAnswer(member, Optional.empty(), 0, waited);
    }

    /** Whether the member answered as the leader: it committed the probe through the log. */
    boolean leads() {
        if (status.isEmpty()) {
            return false;
        }
        return switch (status.get()) {
            case OK, APPLY_FAILED, RESULT_NOT_ENCODABLE -> true;
            default -> false;
        };
    }

    /** The member's state in words. */
    String describe() {
        if (status.isEmpty()) {
            return "no answer within " + GraftCli.describe(latency);
        }
        if (leads()) {
            return "leader";
        }
        return switch (status.get()) {
            case NOT_LEADER -> leaderHint > 0 ? "follower, leader is " + leaderHint : "not leader, no leader known";
            case OVERLOADED -> "leader, overloaded";
            case OUTCOME_UNKNOWN -> "lost leadership while answering";
            default -> "answered " + status.get();
        };
    }
}
