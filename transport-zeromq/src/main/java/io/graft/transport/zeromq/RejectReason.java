package io.graft.transport.zeromq;

/** Why an incoming frame was dropped. The node keeps running whatever arrives. */
public enum RejectReason {
    /** The routing identity is not a member id of this cluster (or is this node's own id). */
    UNKNOWN_SENDER,
    /** A message had more than one data frame (Graft sends exactly one). */
    MALFORMED_MULTIPART,
    /** With CURVE on, the routing identity differs from the member the connection's key authenticated as. */
    IDENTITY_MISMATCH,
    /** The ZAP handler refused a CURVE handshake: the client's public key is not listed. */
    AUTH_DENIED,
    /** The inbox refused the frame: it did not decode, or its {@code from} is not the authenticated sender. */
    INBOX_REJECTED,
    /** The inbox refused a remote client's request: it did not decode, or this node serves no clients. */
    CLIENT_REQUEST_REFUSED,
    /**
     * A connection announced a frame size below zero or above {@code maxMessageBytes}; no memory was reserved for
     * it (see {@link ZeroMqSettings#receiveMemoryBytes()}).
     */
    FRAME_SIZE_REFUSED,
    /**
     * A connection announced a frame that would have taken the memory held by frames being received past
     * {@code receiveMemoryBytes}, and no memory was reserved for it; or a multipart message whose unfinished
     * parts would have, and it was cut there.
     */
    RECEIVE_MEMORY_FULL,
    /** A connection was accepted while {@code maxConnections} were open; it was closed at once. */
    TOO_MANY_CONNECTIONS
}
