package io.graft.core.runtime;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a runtime thread waits for work: optionally spins for a few microseconds (work handed over meanwhile
 * then costs no wake-up at all), then parks until {@link #wake} or a timeout. Wakers call {@link #wake}
 * after publishing work; it unparks only a thread that is parked or about to park, so a busy thread costs
 * its wakers nothing.
 *
 * <p>No wake-up is lost: the waiting thread announces {@code sleeping} before its last look for work, and a
 * waker publishes work before looking at {@code sleeping} (both volatile), so one of them sees the other.
 */
final class IdleStrategy {
    private final long spinNanos;
    private volatile boolean sleeping;

    /** @param spinNanos how long to spin before parking; 0 parks at once */
    IdleStrategy(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** Waits until {@code hasWork} holds, {@link #wake} is called, or {@code maxParkNanos} pass. */
    void idle(BooleanSupplier hasWork, long maxParkNanos) {
        if (spinNanos > 0) {
            long deadline = System.nanoTime() + Math.min(spinNanos, maxParkNanos);
            do {
                if (hasWork.getAsBoolean()) {
                    return;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - deadline < 0);
        }
        sleeping = true;
        try {
            if (!hasWork.getAsBoolean()) {
                LockSupport.parkNanos(this, maxParkNanos);
            }
        } finally {
            sleeping = false;
        }
    }

    /** Wakes {@code waiter} if it is parked or about to park in {@link #idle}; cheap otherwise. */
    void wake(Thread waiter) {
        if (sleeping && waiter != null) {
            LockSupport.unpark(waiter);
        }
    }
}
