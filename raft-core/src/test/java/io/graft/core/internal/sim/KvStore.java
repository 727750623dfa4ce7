package io.graft.core.internal.sim;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The simulated state machine: a few registers holding longs (0 until written). Reads go through the log
 * and return the value at their position. Its state has a cheap digest, so that replicas and snapshots can
 * be compared with the state the committed log implies.
 */
final class KvStore {
    private final long[] values;

    KvStore(int keys) {
        this.values = new long[keys];
    }

    /** Applies {@code c}; returns the value read (for a read) or written. */
    long apply(KvCommand c) {
        switch (c.kind()) {
            case WRITE:
                values[c.key()] = c.value();
                return c.value();
            case READ:
                return values[c.key()];
            default:
                return 0;
        }
    }

    /** A digest of the whole state. */
    long digest() {
        long h = 17;
        for (long v : values) {
            h = h * 0x9E3779B97F4A7C15L + v;
        }
        return h;
    }

    /** The state as snapshot data. */
    byte[] snapshot() {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Replaces the state with snapshot data. */
    void restore(byte[] data) {
        if (data.length != 8 * values.length) {
            throw new IllegalStateException("snapshot data of " + data.length + " bytes does not fit " + values.length
                    + " registers");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getLong();
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
