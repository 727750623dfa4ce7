package io.graft.core.internal.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The default callback executor: one daemon thread that runs what producers hand over, in the order they handed
 * it over. Producers push onto a lock-free stack (one compare-and-set, no allocation) and wake the thread only if
 * it is parked; the thread takes the whole stack at once and runs it oldest first.
 *
 * <p>Once {@link #close() closed}, the thread runs what is queued and ends; anything handed over after that runs
 * on the producer's own thread, so that no future is ever left incomplete.
 */
final class CallbackThread implements Runnable {
    /** Marks the queue once the thread has taken its last look: producers then run their hand-offs themselves. */
    private static final Handoff CLOSED = new Handoff() {
        @Override
        int size() {
            return 0;
        }

        @Override
        public void run() {
        }
    };
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AtomicReference<Handoff> queue = new AtomicReference<>();
    private final IdleStrategy idle = new IdleStrategy(RuntimeTuning.IDLE_SPIN_NANOS);
    private final BooleanSupplier hasWork = this::hasWork;
    private final Thread thread;
    private volatile boolean closing;

    CallbackThread(String name) {
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Queues {@code h} to run on this thread; any thread. */
    void handOff(Handoff h) {
        Handoff head;
        do {
            head = queue.get();
            if (head == CLOSED) {
                h.run();
                return;
            }
            h.next = head;
        } while (!queue.compareAndSet(head, h));
        idle.wake(thread);
    }

    /** Runs what is queued, then ends the thread; returns at once. */
    void close() {
        closing = true;
        idle.wake(thread);
        if (!thread.isAlive() && queue.get() != CLOSED) {
            drainAndClose(); // Never started: whatever was queued runs here.
        }
    }

    private boolean hasWork() {
        return queue.get() != null || closing;
    }

    @Override
    public void run() {
        IdleStrategy.started();
        try {
            while (true) {
                Handoff taken = queue.getAndSet(null);
                if (taken != null) {
                    // Few completions per turn: latency-bound, worth a short spin before parking (if a processor is
                    // free); many: batches are large, and parking between them costs little.
                    idle.noteRound(runOldestFirst(taken));
                } else if (closing) {
                    drainAndClose();
                    return;
                } else {
                    idle.idle(hasWork, MAX_PARK_NANOS);
                }
            }
        } finally {
            IdleStrategy.stopped();
        }
    }

    private void drainAndClose() {
        Handoff last = queue.getAndSet(CLOSED);
        if (last != null && last != CLOSED) {
            runOldestFirst(last);
        }
    }

    /** Runs a stack taken from the queue, oldest first; returns how many futures it completed. */
    private static int runOldestFirst(Handoff newestFirst) {
        Handoff oldestFirst = null;
        while (newestFirst != null) {
            Handoff next = newestFirst.next;
            newestFirst.next = oldestFirst;
            oldestFirst = newestFirst;
            newestFirst = next;
        }
        int completed = 0;
        while (oldestFirst != null) {
            Handoff next = oldestFirst.next;
            oldestFirst.next = null; // Before running: a batch goes back to its owner's free list through next.
            completed += oldestFirst.size();
            oldestFirst.run();
            oldestFirst = next;
        }
        return completed;
    }
}
