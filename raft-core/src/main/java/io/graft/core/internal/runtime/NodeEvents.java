package io.graft.core.internal.runtime;

import io.graft.api.event.RaftEvent;
import io.graft.api.event.RaftEventListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's listeners and the events on their way to them. {@link #publish} may be called from any of the
 * member's threads and never blocks; events are delivered in the order they were published, one at a time, by
 * tasks on the given executor (the member's callback executor), never on the caller's thread. A listener that
 * throws is logged and kept.
 */
final class NodeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);

    private final List<RaftEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<RaftEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor executor;

    NodeEvents(Executor executor, List<RaftEventListener> initial) {
        this.executor = Objects.requireNonNull(executor, "executor");
        listeners.addAll(initial);
    }

    /** Adds a listener; closing the returned handle removes it. */
    AutoCloseable add(RaftEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether anyone listens: callers may skip building events when nobody does. */
    boolean wanted() {
        return !listeners.isEmpty();
    }

    /** Queues an event for every listener. */
    void publish(RaftEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        queue.add(event);
        schedule();
    }

    private void schedule() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false); // The member has stopped: nobody will be told any more.
                queue.clear();
            }
        }
    }

    private void drain() {
        try {
            RaftEvent event;
            int delivered = 0;
            while (delivered < 256 && (event = queue.poll()) != null) {
                deliver(event);
                delivered++;
            }
        } finally {
            draining.set(false);
            schedule(); // Events published while draining, or more than one turn's worth.
        }
    }

    private void deliver(RaftEvent event) {
        for (RaftEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("member {}: a listener failed on {}; it stays registered", event.memberId(), event, e);
            }
        }
    }
}
