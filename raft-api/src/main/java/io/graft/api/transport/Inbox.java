package io.graft.api.transport;

import java.nio.ByteBuffer;

/**
 * Where a transport hands incoming messages to its node. Both methods are thread-safe, never block, and
 * may be called from any transport thread.
 */
public interface Inbox {

    /**
     * Delivers a message object as sent by another node in this JVM (pass-by-reference transports).
     *
     * @return {@code false} if the message was dropped (not a Graft message, or addressed elsewhere)
     */
    boolean deliver(WireMessage message);

    /**
     * Delivers an encoded message. The node decodes it; a frame that does not decode, is addressed to
     * another member, or claims a sender other than {@code authenticatedSender} is dropped and counted.
     *
     * @param authenticatedSender the member the transport knows sent this frame (e.g. from a connection's
     *                            identity), or {@code 0} if the transport cannot tell
     * @param frame the bytes of exactly one message, from position to limit; not retained after the call
     * @return {@code false} if the frame was dropped
     */
    boolean deliver(int authenticatedSender, ByteBuffer frame);

    /**
     * Delivers a request from a remote client (not a member). The node answers through {@code replyTo},
     * once or not at all (the client retries).
     *
     * @param replyTo the way back to that client
     * @param frame the request's bytes, from position to limit; not retained after the call
     * @return {@code false} if the request was dropped (undecodable, or this node serves no clients)
     */
    default boolean deliverClientRequest(ClientChannel replyTo, ByteBuffer frame) {
        return false;
    }
}
