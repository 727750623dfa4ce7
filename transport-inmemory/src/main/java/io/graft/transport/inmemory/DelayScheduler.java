package io.graft.transport.inmemory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a network that delivers delayed messages. Started on first use, so a network without
 * delays runs no thread; bounded, so a slow or stopped receiver cannot make it buffer without limit.
 */
final class DelayScheduler {
    private static final Logger log = LoggerFactory.getLogger(DelayScheduler.class);

    private final String threadName;
    private final int capacity;
    private final AtomicInteger pending = new AtomicInteger();
    private ScheduledThreadPoolExecutor executor; // guarded by this
    private volatile Thread thread; // set by the thread factory, outside our lock
    private boolean closed; // guarded by this

    /**
     * @param threadName the name of the delivery thread
     * @param capacity how many delayed deliveries may wait at once; more are refused
     */
    DelayScheduler(String threadName, int capacity) {
        this.threadName = threadName;
        this.capacity = capacity;
    }

    /**
     * Runs {@code delivery} after {@code delayNanos} on the delivery thread.
     *
     * @return {@code false} if it was refused (too many waiting, or the scheduler is closed)
     */
    boolean schedule(Runnable delivery, long delayNanos) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return false;
        }
        ScheduledThreadPoolExecutor e = executor();
        if (e == null) {
            pending.decrementAndGet();
            return false;
        }
        try {
            e.schedule(() -> run(delivery), delayNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException closedMeanwhile) {
            pending.decrementAndGet();
            return false;
        }
    }

    /** How many delayed deliveries are waiting. */
    int pending() {
        return pending.get();
    }

    /** Discards waiting deliveries and stops the thread, waiting up to a second for it to end. Idempotent. */
    void close() {
        ScheduledThreadPoolExecutor e;
        synchronized (this) {
            closed = true;
            e = executor;
            executor = null;
        }
        if (e == null) {
            return;
        }
        pending.addAndGet(-e.shutdownNow().size());
        if (Thread.currentThread() == thread) {
            return; // closed from a delivery: the thread ends once this delivery returns
        }
        try {
            if (!e.awaitTermination(1, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within a second; a receiver's inbox may be blocking", threadName);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable delivery) {
        pending.decrementAndGet();
        try {
            delivery.run();
        } catch (RuntimeException bug) {
            // One broken receiver must not stop every later delivery on this network.
            log.error("a delayed delivery on {} failed", threadName, bug);
        }
    }

    private synchronized ScheduledThreadPoolExecutor executor() {
        if (closed) {
            return null;
        }
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread t = new Thread(runnable, threadName);
                t.setDaemon(true);
                thread = t;
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }
        return executor;
    }
}
