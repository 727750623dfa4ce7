package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;
import java.nio.ByteBuffer;

/**
 * The body of the reply to {@link AdminOperation#SNAPSHOT}: the snapshot's last included log index, big-endian
 * {@code index i64}, never negative.
 */
public final class IndexBody {
    private static final int BYTES = Long.BYTES;

    private IndexBody() {
    }

    public static byte[] encode(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative log index " + index);
        }
        return ByteBuffer.allocate(BYTES).putLong(index).array();
    }

    /** The index {@code body} holds; throws {@link MalformedMessageException} for anything but 8 bytes of one. */
    public static long decode(byte[] body) {
        if (body.length != BYTES) {
            throw new MalformedMessageException("a log index takes " + BYTES + " bytes, got " + body.length);
        }
        long index = ByteBuffer.wrap(body).getLong();
        if (index < 0) {
            throw new MalformedMessageException("negative log index " + index);
        }
        return index;
    }
}
