package io.graft.node;

import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.Options;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A state machine that is not the key-value example ({@code stateMachine: counter}), for the tests of the
 * administration tool: each command adds a number to a total, which the result and any query return. Snapshots
 * hold the total.
 */
public final class CounterProvider implements StateMachineProvider<Long, Long> {
    /** The name a cluster file uses for this state machine. */
    static final String NAME = "counter";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<Long> commandType() {
        return Long.class;
    }

    @Override
    public Class<Long> resultType() {
        return Long.class;
    }

    @Override
    public StateMachine<Long, Long> create(Options options) {
        return new StateMachine<>() {
            private long total;

            @Override
            public Long apply(long index, Long amount) {
                total += amount;
                return total;
            }

            @Override
            public Long query(Long ignored) {
                return total;
            }

            @Override
            public SnapshotWriter snapshot() {
                long copy = total;
                return out -> new DataOutputStream(out).writeLong(copy);
            }

            @Override
            public void restore(InputStream in) throws IOException {
                total = new DataInputStream(in).readLong();
            }
        };
    }
}
