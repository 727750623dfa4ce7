package io.graft.testkit;

import io.graft.core.Clock;

/**
 * A member's monotonic clock that can stand still, as it seems to a process frozen by a long GC pause or a
 * suspended VM: while frozen it reads the instant it froze; once thawed it reads the system's monotonic time
 * again, so it jumps ahead by the length of the pause, as a real monotonic clock does.
 */
final class PausableClock implements Clock {
    private static final long RUNNING = Long.MIN_VALUE;
    private volatile long frozenAt = RUNNING;

    @Override
    public long millis() {
        long frozen = frozenAt;
        return frozen != RUNNING ? frozen : System.nanoTime() / 1_000_000L;
    }

    /** Stops the clock at the current instant (no effect if it is already stopped). */
    synchronized void freeze() {
        if (frozenAt == RUNNING) {
            frozenAt = System.nanoTime() / 1_000_000L;
        }
    }

    /** Lets the clock run again, from the system's current time. */
    void thaw() {
        frozenAt = RUNNING;
    }

    boolean isFrozen() {
        return frozenAt != RUNNING;
    }
}
