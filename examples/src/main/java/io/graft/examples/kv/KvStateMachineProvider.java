package io.graft.examples.kv;

import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes {@link KvStore}s for a configuration that says {@code stateMachine: kv}; takes no options. */
public final class KvStateMachineProvider implements StateMachineProvider<KvCommand, KvResult> {

    /** The name a cluster configuration uses for the key-value store. */
    public static final String NAME = "kv";

    private static final Logger LOG = LoggerFactory.getLogger(KvStateMachineProvider.class);

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
        LOG.debug("Creating an empty key-value store");
        return new KvStore();
    }
}
