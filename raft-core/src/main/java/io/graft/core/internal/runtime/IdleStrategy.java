package io.graft.core.internal.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a runtime thread waits for work. It may first spin for a few microseconds, yielding the processor
 * at each turn, while work handed over meanwhile costs neither side a wake-up (on a virtual machine a
 * futex wake-up and the context switches around it cost several microseconds each); then it parks until
 * {@link #wake} or a timeout. Wakers call {@link #wake} after publishing work; it unparks only a thread
 * that is parked or about to park, so a busy or spinning thread costs its wakers nothing.
 *
 * <p>Spinning only pays when commands are few and a processor is otherwise idle: a spinning thread takes a
 * processor from threads with work, which then wait longer (at high load that shows in the tail latency),
 * and under load the work comes in batches that are worth a wake-up anyway. So a thread spins only while
 * its recent rounds each brought few new log entries ({@link #noteRound}: a latency-bound workload) and no
 * more runtime threads of this process are running or spinning than there are processors ({@link #RUNNING}).
 *
 * <p>No wake-up is lost: the waiting thread announces {@code sleeping} before its last look for work, and a
 * waker publishes work before looking at {@code sleeping} (both volatile), so one of them sees the other.
 */
final class IdleStrategy {
    /** Runtime threads of this process that are running or spinning (not parked), all members together. */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    /** Up to this many new log entries per round on average, the workload counts as latency-bound. */
    private static final int FEW_ENTRIES = 4;
    /** Fixed point for the average: sixteenths of an entry. */
    private static final int SCALE = 16;

    private final long spinNanos;
    private volatile boolean sleeping;
    /** New log entries per busy round, a moving average in sixteenths (owner thread only). */
    private long entriesPerRound;

    /** @param spinNanos how long to spin at most before parking; 0 parks at once */
    IdleStrategy(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** Counts the calling thread as running; call once when it starts, and {@link #stopped()} when it ends. */
    static void started() {
        RUNNING.incrementAndGet();
    }

    /** Undoes {@link #started()}. */
    static void stopped() {
        RUNNING.decrementAndGet();
    }

    /** Notes how many new log entries a round that did some work brought (for the spinning decision). */
    void noteRound(long newEntries) {
        long sample = Math.max(0, Math.min(newEntries, 1 << 20)) * SCALE;
        entriesPerRound += (sample - entriesPerRound) >> 3;
    }

    /** Waits until {@code hasWork} holds, {@link #wake} is called, or {@code maxParkNanos} pass. */
    void idle(BooleanSupplier hasWork, long maxParkNanos) {
        if (spinNanos > 0 && entriesPerRound <= FEW_ENTRIES * SCALE && RUNNING.get() <= PROCESSORS) {
            long deadline = System.nanoTime() + Math.min(spinNanos, maxParkNanos);
            do {
                if (hasWork.getAsBoolean()) {
                    return;
                }
                Thread.yield();
            } while (System.nanoTime() - deadline < 0);
        }
        sleeping = true;
        try {
            if (!hasWork.getAsBoolean()) {
                RUNNING.decrementAndGet();
                try {
                    LockSupport.parkNanos(this, maxParkNanos);
                } finally {
                    RUNNING.incrementAndGet();
                }
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
