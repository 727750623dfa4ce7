package io.graft.api.transport;

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

    /** Stops delivering and sending, and releases sockets and threads, within about a second. Idempotent. */
    @Override
    void close();
}
