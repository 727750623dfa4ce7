package io.graft.testkit.durability;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.StateMachine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records the numbers it applies, in order; the result of a command is the number itself. */
final class SequenceStateMachine implements StateMachine<Long, Long> {
    /** Encodes a number in 8 bytes. */
    static final Codec<Long> CODEC = new Codec<>() {
        @Override
        public byte[] encode(Long value) {
            return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
        }

        @Override
        public Long decode(byte[] bytes) {
            if (bytes == null || bytes.length != Long.BYTES) {
                throw new CodecException("a number is 8 bytes, got " + (bytes == null ? "null" : bytes.length));
            }
            return ByteBuffer.wrap(bytes).getLong();
        }
    };

    private final List<Long> applied = new ArrayList<>();

    @Override
    public synchronized Long apply(long index, Long command) {
        applied.add(command);
        return command;
    }

    /** The numbers applied so far, in order. */
    synchronized List<Long> applied() {
        return List.copyOf(applied);
    }
}
