package io.graft.core.internal.client;

import java.util.Arrays;

/**
 * A member's reply to a {@link ClientRequest}.
 *
 * @param sessionId the request's session
 * @param sequence the request's number
 * @param status what happened
 * @param leaderHint the leader this member knows of ({@link ClientStatus#NOT_LEADER}), or 0
 * @param body the encoded result, or an explanation (see {@link ClientStatus})
 */
public record ClientResponse(long sessionId, long sequence, ClientStatus status, int leaderHint, byte[] body) {

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientResponse r && r.sessionId == sessionId && r.sequence == sequence
                && r.status == status && r.leaderHint == leaderHint && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId) * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "ClientResponse[session=" + Long.toHexString(sessionId) + " seq=" + sequence + " " + status
                + (leaderHint > 0 ? " leader=" + leaderHint : "") + " " + body.length + "B]";
    }
}
