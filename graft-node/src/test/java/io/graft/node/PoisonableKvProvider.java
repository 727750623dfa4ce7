package io.graft.node;

import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.Options;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * The key-value store ({@code stateMachine: kv-poisonable}) with one difference, for tests of a member whose
 * thread dies: applying any command on the key {@value #POISON} throws an {@link OutOfMemoryError}, as a state
 * machine that runs out of memory would.
 */
public final class PoisonableKvProvider implements StateMachineProvider<KvCommand, KvResult> {
    /** The name a cluster file uses for this state machine. */
    static final String NAME = "kv-poisonable";
    /** The key whose commands kill the applying member. */
    static final String POISON = "poison";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<KvCommand> commandType() {
        return KvCommand.class;
    }

    @Override
    public Class<KvResult> resultType() {
        return KvResult.class;
    }

    @Override
    public StateMachine<KvCommand, KvResult> create(Options options) {
        KvStore store = new KvStore();
        return new StateMachine<>() {
            @Override
            public KvResult apply(long index, KvCommand command) {
                if (POISON.equals(command.key())) {
                    throw new OutOfMemoryError("simulated: the state machine ran out of memory at index " + index);
                }
                return store.apply(index, command);
            }

            @Override
            public KvResult query(KvCommand query) {
                return store.query(query);
            }

            @Override
            public SnapshotWriter snapshot() {
                return store.snapshot();
            }

            @Override
            public void restore(InputStream in) throws IOException {
                store.restore(in);
            }
        };
    }
}
