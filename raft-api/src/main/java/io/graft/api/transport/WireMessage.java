package io.graft.api.transport;

import java.nio.ByteBuffer;

/**
 * A Raft protocol message as a transport sees it: addressed and encodable, otherwise opaque. The core owns
 * the message types and their binary encoding; a transport only moves them.
 */
public interface WireMessage {

    /** The sending member's id. */
    int from();

    /** The receiving member's id. */
    int to();

    /** The exact number of bytes {@link #encodeTo} writes. */
    int encodedSize();

    /** Writes this message's encoding at {@code buffer}'s position, advancing it by {@link #encodedSize()}. */
    void encodeTo(ByteBuffer buffer);
}
