package io.graft.testkit;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.StateMachine;
import java.nio.charset.StandardCharsets;

/**
 * A tiny state machine and codec for the test kit's own tests: each command is a word; the result is the count,
 * which any query also answers.
 */
final class Words implements StateMachine<String, Integer> {
    static final Codec<String> CODEC = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            if (bytes == null) {
                throw new CodecException("null bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    private int count;

    @Override
    public Integer apply(long index, String command) {
        return ++count;
    }

    @Override
    public Integer query(String query) {
        return count;
    }

    static TestCluster.Builder<String, Integer> cluster() {
        return TestCluster.builder(CODEC, id -> new Words());
    }

    /**
     * A cluster with wide timeouts, for tests about throughput or ordering rather than elections: they must
     * not see a spurious election when the machine is loaded.
     */
    static TestCluster.Builder<String, Integer> stableCluster() {
        return cluster().electionTimeout(java.time.Duration.ofMillis(500)).heartbeatInterval(java.time.Duration.ofMillis(50));
    }
}
