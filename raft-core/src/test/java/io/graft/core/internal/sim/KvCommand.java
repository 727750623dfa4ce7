package io.graft.core.internal.sim;

import java.nio.ByteBuffer;

/**
 * A command of the simulated key-value store, as it travels in a log entry. Every command carries the id of
 * the client operation that issued it, so that any applied entry can be traced back to its operation.
 *
 * @param kind what it does
 * @param opId the issuing operation (unique in a run)
 * @param key which register
 * @param value the value written (a write's value is its own operation id, so every value is unique)
 */
record KvCommand(Kind kind, long opId, int key, long value) {

    /** What a command does. */
    enum Kind { WRITE, READ, MARKER }

    private static final int SIZE = 1 + 8 + 1 + 8;

    byte[] encode() {
        return ByteBuffer.allocate(SIZE).put((byte) kind.ordinal()).putLong(opId).put((byte) key).putLong(value)
                .array();
    }

    static KvCommand decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        if (payload.length != SIZE) {
            throw new IllegalArgumentException("not a simulated KV command: " + payload.length + " bytes");
        }
        return new KvCommand(Kind.values()[b.get()], b.getLong(), b.get(), b.getLong());
    }
}
