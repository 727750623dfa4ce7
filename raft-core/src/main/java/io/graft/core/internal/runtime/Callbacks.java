package io.graft.core.internal.runtime;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the futures a member (or a remote client) returns to its users are completed, so that the callbacks users
 * chain on them ({@code thenApply}, {@code whenComplete}, ...) never run on a thread the member or client needs:
 * by default one daemon thread of its own ({@link #ownThread}), or an executor the user chose ({@link #on}).
 *
 * <p>Producers hand outcomes over in batches ({@link CompletionBatcher}) or one at a time ({@link #complete},
 * {@link #fail}); the default thread completes them in the order they were handed over. An executor the user
 * gives gets one task per hand-off, and keeps that order only if it runs tasks one at a time in order.
 */
public final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final CallbackThread own;
    private final Executor executor;
    private final AtomicBoolean rejectionLogged = new AtomicBoolean();

    private Callbacks(CallbackThread own, Executor executor) {
        this.own = own;
        this.executor = executor;
    }

    /** Completes futures on a daemon thread called {@code threadName}, started by {@link #start()}. */
    public static Callbacks ownThread(String threadName) {
        return new Callbacks(new CallbackThread(threadName), null);
    }

    /**
     * Completes futures on {@code executor}, one task per hand-off. {@code Runnable::run} completes them on the
     * thread that produced them.
     */
    public static Callbacks on(Executor executor) {
        return new Callbacks(null, Objects.requireNonNull(executor, "executor"));
    }

    /** Starts the own thread, if this uses one. */
    public void start() {
        if (own != null) {
            own.start();
        }
    }

    /** The own thread, or {@code null} when futures complete on an executor the user gave. */
    public Thread thread() {
        return own == null ? null : own.thread();
    }

    /** Completes {@code future} with {@code value} through the executor; any thread. */
    public <T> void complete(CompletableFuture<T> future, T value) {
        if (future instanceof DirectFuture<?>) {
            future.complete(value);
        } else {
            handOff(new SingleCompletion(future, value, false));
        }
    }

    /** Fails {@code future} with {@code cause} through the executor; any thread. */
    public void fail(CompletableFuture<?> future, Throwable cause) {
        if (future instanceof DirectFuture<?>) {
            future.completeExceptionally(cause);
        } else {
            handOff(new SingleCompletion(future, cause, true));
        }
    }

    /**
     * Runs {@code task} where futures complete, in order with them: for work that must not run on the member's
     * own threads, such as telling listeners of events. Any thread.
     */
    public void execute(Runnable task) {
        handOff(new Handoff() {
            @Override
            int size() {
                return 1;
            }

            @Override
            public void run() {
                task.run();
            }
        });
    }

    /** A collector of outcomes for one producing thread. */
    CompletionBatcher batcher() {
        return new CompletionBatcher(this);
    }

    void handOff(Handoff h) {
        if (own != null) {
            own.handOff(h);
            return;
        }
        try {
            executor.execute(h);
        } catch (RejectedExecutionException e) {
            if (rejectionLogged.compareAndSet(false, true)) {
                LOG.warn("the callback executor refused work ({}); futures are completed on Graft's own threads"
                        + " instead", e.toString());
            }
            h.run();
        }
    }

    /**
     * Stops the own thread once it has run what is queued; later outcomes complete on the thread producing them.
     * An executor the user gave is left running: it is theirs.
     */
    public void close() {
        if (own != null) {
            own.close();
        }
    }
}
