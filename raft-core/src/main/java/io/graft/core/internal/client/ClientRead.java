package io.graft.core.internal.client;

import io.graft.api.ReadConsistency;
import java.util.Arrays;
import java.util.Objects;

/**
 * A remote client's read: the leader runs the query on its state machine without writing to the log.
 *
 * @param sessionId the client's session id, echoed in the reply
 * @param requestId the read's number, negative so that its reply is never mistaken for a command's (those
 *                  count up from 1 in the same session)
 * @param consistency how the leader makes sure the read is up to date
 * @param query the encoded query (a command that the state machine's {@code query} answers)
 */
public record ClientRead(long sessionId, long requestId, ReadConsistency consistency, byte[] query)
        implements ClientMessage {

    public ClientRead {
        Objects.requireNonNull(consistency, "consistency");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientRead r && r.sessionId == sessionId && r.requestId == requestId
                && r.consistency == consistency && Arrays.equals(r.query, query);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId) * 31 + Long.hashCode(requestId);
    }

    @Override
    public String toString() {
        return "ClientRead[session=" + Long.toHexString(sessionId) + " id=" + requestId + " " + consistency + " "
                + query.length + "B]";
    }
}
