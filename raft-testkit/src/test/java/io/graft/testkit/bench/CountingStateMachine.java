package io.graft.testkit.bench;

import io.graft.api.StateMachine;

/** The cheapest useful state machine: counts the commands it applies, so measurements show Graft's cost. */
final class CountingStateMachine implements StateMachine<byte[], Long> {
    private long applied;

    @Override
    public Long apply(long index, byte[] command) {
        return ++applied;
    }
}
