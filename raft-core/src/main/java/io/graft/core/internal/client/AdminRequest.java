package io.graft.core.internal.client;

import io.graft.api.config.Member;
import java.util.Objects;

/**
 * A remote client's administrative request, carried out through a member's node handle: the leader's, or for the
 * operations that ask the receiving member itself ({@link AdminOperation#toReceiver()}), that member's.
 *
 * @param sessionId the client's session id, echoed in the reply
 * @param requestId the request's number, negative like a {@link ClientRead}'s
 * @param operation what to do
 * @param memberId the member it concerns (for {@link AdminOperation#toReceiver()} operations: the member it is sent
 *                 to), or 0 for {@link AdminOperation#MEMBERSHIP}
 * @param host the member's host for the operations that add a member, else empty
 * @param port the member's port for the operations that add a member, else 0
 */
public record AdminRequest(long sessionId, long requestId, AdminOperation operation, int memberId, String host,
                           int port) implements ClientMessage {

    public AdminRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(host, "host");
    }

    /** A request about member {@code memberId} that needs no address. */
    public static AdminRequest of(long sessionId, long requestId, AdminOperation operation, int memberId) {
        return new AdminRequest(sessionId, requestId, operation, memberId, "", 0);
    }

    /** A request to add {@code member} as {@code operation} says. */
    public static AdminRequest adding(long sessionId, long requestId, AdminOperation operation, Member member) {
        return new AdminRequest(sessionId, requestId, operation, member.id(), member.host(), member.port());
    }

    /** The member to add, for {@link AdminOperation#ADD_MEMBER} and {@link AdminOperation#ADD_LEARNER}. */
    public Member member() {
        return new Member(memberId, host, port);
    }

    @Override
    public String toString() {
        return "AdminRequest[session=" + Long.toHexString(sessionId) + " id=" + requestId + " " + operation
                + (memberId != 0 ? " member " + memberId : "") + (host.isEmpty() ? "" : " at " + host + ":" + port)
                + "]";
    }
}
