package io.graft.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling briefly; the test kit's only way to wait. */
final class Waiter {
    private Waiter() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @throws AssertionError naming {@code what}, and the state described by {@code state}, at the deadline
     */
    static void until(BooleanSupplier condition, Duration timeout, String what, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; state: " + state.get());
            }
            try {
                Thread.sleep(2); // Polling interval, not a wait for an outcome.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * Checks that {@code condition} holds throughout {@code period} (polling briefly): for properties such as
     * "no leader is elected", which only a span of time can show.
     *
     * @throws AssertionError naming {@code what}, and the state described by {@code state}, as soon as it fails
     */
    static void holds(BooleanSupplier condition, Duration period, String what, Supplier<String> state) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("expected throughout " + period.toMillis() + " ms: " + what
                        + "; it stopped holding; state: " + state.get());
            }
            try {
                Thread.sleep(2); // Polling interval.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while checking " + what, e);
            }
        } while (System.nanoTime() < end);
    }
}
