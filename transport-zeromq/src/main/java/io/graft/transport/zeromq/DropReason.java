package io.graft.transport.zeromq;

/** Why an outgoing message was dropped instead of sent. Raft retransmits, so a drop costs time, not safety. */
public enum DropReason {
    /** The peer's send queue was full (the sending thread is behind, or the bound is too small). */
    QUEUE_FULL,
    /** The destination is not a peer of this node (unknown member, or this node itself). */
    NO_ROUTE,
    /** ZeroMQ would block: the peer is not connected, or its socket reached its high-water mark. */
    UNREACHABLE,
    /** The encoded message exceeds {@code maxMessageBytes}; the receiver would cut the connection. */
    TOO_LARGE,
    /** The transport was closed (or not yet started). */
    CLOSED
}
