package io.graft.transport.zeromq;

import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;

/** A tiny fake protocol message: from i32 | to i32 | seq i64 | payload. */
record TestMessage(int from, int to, long seq, byte[] payload) implements WireMessage {

    static TestMessage of(int from, int to, long seq) {
        return new TestMessage(from, to, seq, new byte[0]);
    }

    @Override
    public int encodedSize() {
        return 16 + payload.length;
    }

    @Override
    public void encodeTo(ByteBuffer buffer) {
        buffer.putInt(from).putInt(to).putLong(seq).put(payload);
    }

    /** Decodes, throwing on a frame of the wrong shape (as a real codec would). */
    static TestMessage decode(ByteBuffer frame) {
        if (frame.remaining() < 16) {
            throw new IllegalArgumentException("short frame: " + frame.remaining());
        }
        int from = frame.getInt();
        int to = frame.getInt();
        long seq = frame.getLong();
        byte[] payload = new byte[frame.remaining()];
        frame.get(payload);
        return new TestMessage(from, to, seq, payload);
    }
}
