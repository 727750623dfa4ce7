package io.graft.transport.zeromq;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.StateMachine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny replicated state machine for cluster tests: a command counts itself and returns how often it has
 * been applied so far (so a command applied twice shows as a 2); {@code "read:<command>"} returns that count
 * and changes nothing. Every counted command is recorded in order.
 */
final class Tally implements StateMachine<String, Integer> {
    /** Results as 4 big-endian bytes. */
    static final Codec<Integer> RESULTS = new Codec<>() {
        @Override
        public byte[] encode(Integer value) {
            return ByteBuffer.allocate(4).putInt(value).array();
        }

        @Override
        public Integer decode(byte[] bytes) {
            if (bytes.length != 4) {
                throw new CodecException("a result is 4 bytes, got " + bytes.length);
            }
            return ByteBuffer.wrap(bytes).getInt();
        }
    };

    private final Map<String, Integer> counts = new HashMap<>();
    private final List<String> applied = new CopyOnWriteArrayList<>();

    @Override
    public Integer apply(long index, String command) {
        if (command.startsWith("read:")) {
            return counts.getOrDefault(command.substring("read:".length()), 0);
        }
        applied.add(command);
        return counts.merge(command, 1, Integer::sum);
    }

    /** The counted commands, in the order this replica applied them. */
    List<String> applied() {
        return new ArrayList<>(applied);
    }
}
