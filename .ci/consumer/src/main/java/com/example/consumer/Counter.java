package com.example.consumer;

import io.graft.api.StateMachine;

/** A replicated counter; its total is read from other threads to check that every member applied a write. */
public final class Counter implements StateMachine<Add, Long> {
    private volatile long total;

    @Override
    public Long apply(long index, Add command) {
        total += command.amount();
        return total;
    }

    /** The sum of the commands applied so far. */
    public long total() {
        return total;
    }
}
