package io.graft.core.internal.client;

import java.util.Arrays;

/**
 * A remote client's command.
 *
 * @param sessionId the client's session, chosen at random by the client
 * @param sequence the command's number in the session, from 1
 * @param acknowledgedUpTo every command up to this number has had its reply; the cluster may forget them
 * @param command the encoded command
 */
public record ClientRequest(long sessionId, long sequence, long acknowledgedUpTo, byte[] command)
        implements ClientMessage {

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientRequest r && r.sessionId == sessionId && r.sequence == sequence
                && r.acknowledgedUpTo == acknowledgedUpTo && Arrays.equals(r.command, command);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessionId) * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "ClientRequest[session=" + Long.toHexString(sessionId) + " seq=" + sequence + " acked="
                + acknowledgedUpTo + " " + command.length + "B]";
    }
}
