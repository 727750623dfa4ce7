package io.graft.core.internal.protocol;

import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;

/**
 * A Raft protocol message. Every message carries its sender's term (Raft §5.1). Its binary encoding is
 * {@link MessageCodec}'s.
 */
public sealed interface Message extends WireMessage
        permits VoteRequest, VoteResponse, AppendRequest, AppendResponse, InstallSnapshot, InstallSnapshotResponse,
        TimeoutNow {

    /** The sender's current term. */
    long term();

    @Override
    default int encodedSize() {
        return MessageCodec.encodedSize(this);
    }

    @Override
    default void encodeTo(ByteBuffer buffer) {
        MessageCodec.encode(this, buffer);
    }
}
