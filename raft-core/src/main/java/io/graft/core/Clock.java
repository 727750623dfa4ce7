package io.graft.core;

/** Monotonic milliseconds for the core; replaceable so that tests can control time. */
@FunctionalInterface
public interface Clock {
    /** Monotonic time in milliseconds (any origin). */
    long millis();

    /** The system's monotonic clock. */
    static Clock system() {
        return () -> System.nanoTime() / 1_000_000L;
    }
}
