package io.graft.api.transport;

import io.graft.api.config.Member;
import java.util.Collection;

/**
 * Moves protocol messages between the members of a cluster. One instance serves one node.
 *
 * <p>Raft tolerates loss, duplication and reordering, so a transport may drop messages when a peer is
 * slow or gone; it must never block the caller, and must never buffer without bound. Messages from one
 * sender to one receiver should normally arrive in order (Raft stays correct if they do not, but
 * pipelining is more efficient when they do).
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts the transport: binds this node's own address if it has one, and delivers incoming messages to
     * {@code context.inbox()} from then on. Called once, before any {@link #send}.
     */
    void start(TransportContext context);

    /**
     * Queues {@code message} for delivery to {@code message.to()}. Thread-safe and non-blocking; may drop
     * the message (Raft retransmits).
     */
    void send(WireMessage message);

    /**
     * The cluster's membership changed (a member was added or removed at runtime, or a restarted node found a
     * newer membership in its log than its configuration file lists): {@code members} is every member now,
     * with its address, this node included. A transport that connects by address should reach new members
     * from now on and may drop connections to members no longer listed. Called on the node's event loop; must
     * not block. The default does nothing, which suits transports that route by member id alone.
     */
    default void membersChanged(Collection<Member> members) {
    }

    /** Stops delivering and sending, and releases sockets and threads, within about a second. Idempotent. */
    @Override
    void close();
}
