package io.graft.transport.inmemory;

import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A minimal wire message: from, to, a sequence number and some text, encoded with a length prefix. */
record TestMessage(int from, int to, long seq, String text) implements WireMessage {

    private static final int HEADER = 4 + 4 + 8 + 4;

    static TestMessage of(int from, int to, long seq) {
        return new TestMessage(from, to, seq, "m" + seq);
    }

    @Override
    public int encodedSize() {
        return HEADER + text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void encodeTo(ByteBuffer buffer) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(from).putInt(to).putLong(seq).putInt(bytes.length).put(bytes);
    }

    /** Reads one message from {@code frame}, which must hold exactly one. */
    static TestMessage decode(ByteBuffer frame) {
        int from = frame.getInt();
        int to = frame.getInt();
        long seq = frame.getLong();
        byte[] bytes = new byte[frame.getInt()];
        frame.get(bytes);
        if (frame.hasRemaining()) {
            throw new IllegalArgumentException(frame.remaining() + " bytes after the message");
        }
        return new TestMessage(from, to, seq, new String(bytes, StandardCharsets.UTF_8));
    }
}
