package io.graft.testkit;

import io.graft.api.StateMachine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link Words} that holds back applying the word "gate" until the latch opens: a test chains its callbacks on a
 * future, then opens the gate, and knows the future completed after they were chained.
 */
final class GatedWords implements StateMachine<String, Integer> {
    private final CountDownLatch gate;
    private int count;

    GatedWords(CountDownLatch gate) {
        this.gate = gate;
    }

    @Override
    public Integer apply(long index, String command) {
        if (command.equals("gate")) {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ++count;
    }

    @Override
    public Integer query(String query) {
        return count;
    }
}
