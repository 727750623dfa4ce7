package io.graft.core.plugin;

import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.Options;

/** A state machine registered through the test class path's {@code META-INF/services}: it counts commands. */
public final class TestStateMachineProvider implements StateMachineProvider<String, Long> {
    static final String NAME = "test-counter";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<String> commandType() {
        return String.class;
    }

    @Override
    public Class<Long> resultType() {
        return Long.class;
    }

    @Override
    public StateMachine<String, Long> create(Options options) {
        long[] count = {0};
        return (index, command) -> ++count[0];
    }
}
