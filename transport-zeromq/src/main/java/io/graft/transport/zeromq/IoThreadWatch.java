package io.graft.transport.zeromq;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the threads of one ZeroMQ context and tells its transports when the context can no longer serve them.
 *
 * <p>A ZeroMQ thread that dies (an {@link Error} such as {@link OutOfMemoryError}, or any uncaught exception)
 * takes every socket of its context with it: its listening sockets stay bound but are never read again. And
 * JeroMQ 0.6.0's poller catches a {@link RuntimeException} thrown while it serves a connection, reports it, and
 * carries on with that connection's engine in whatever state the exception left it: the process then stayed up
 * but deaf, one core busy, until killed. Both are failures here (but for the reaper thread, which only closes
 * sockets); only the poller's reports of channels, keys and selectors that closed under it (races of an orderly
 * close) are not. A failed context is never used again, and each
 * transport on it stops its member with the cause ({@link io.graft.api.transport.TransportContext#failed}), so
 * that a supervisor can start it afresh: it cannot rebind its port in this process while the dead thread holds
 * it.
 */
final class IoThreadWatch {
    private static final Logger log = LoggerFactory.getLogger(IoThreadWatch.class);

    private final List<Consumer<Throwable>> listeners = new ArrayList<>();
    private Throwable failure;
    private boolean reaperDied;

    /** Reports to {@code listener} the failure of this context, at once if it already failed. Any thread. */
    void onFailure(Consumer<Throwable> listener) {
        Throwable already;
        synchronized (this) {
            already = failure;
            if (already == null) {
                listeners.add(listener);
            }
        }
        if (already != null) {
            listener.accept(already);
        }
    }

    /** Stops reporting to {@code listener}. Any thread. */
    synchronized void forget(Consumer<Throwable> listener) {
        listeners.remove(listener);
    }

    /** Whether a thread of this context failed or died: it is then not to be used for new sockets. */
    synchronized boolean failed() {
        return failure != null || reaperDied;
    }

    /**
     * ZeroMQ's handler for exceptions that end one of its threads. The I/O thread's death is a failure. The
     * reaper's is not, for the sockets that exist: it only closes sockets (JeroMQ 0.6.0's reaper was seen dying of
     * a race in pipe termination during close), so the members go on, and only new transports take a new context.
     */
    void threadDied(Thread thread, Throwable cause) {
        if (thread.getName().contains("reaper")) {
            synchronized (this) {
                reaperDied = true;
            }
            log.error("ZeroMQ thread {} died of {}; sockets closed from now on may not release their resources, and"
                    + " transports started from now on take a new context", thread.getName(), cause, cause);
            return;
        }
        fail(new IllegalStateException("ZeroMQ thread " + thread.getName() + " died of " + cause
                + "; this member's sockets no longer work", cause));
    }

    /** ZeroMQ's handler for exceptions its poller caught and went on after. */
    void pollerReported(Thread thread, Throwable cause) {
        if (isOrderlyClose(cause)) {
            log.warn("ZeroMQ thread {} hit {}", thread.getName(), cause.toString());
            return;
        }
        fail(new IllegalStateException("ZeroMQ thread " + thread.getName() + " hit " + cause + " while serving a"
                + " connection, which leaves that connection and its thread in an unknown state", cause));
    }

    /**
     * Whether {@code cause}, or one it wraps, is a channel, key or selector found closed: a close racing with the
     * thread's work, as when a command reaches a socket closed a moment before (JeroMQ wraps that one in its own
     * {@code ZError.IOException}).
     */
    static boolean isOrderlyClose(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CancelledKeyException || c instanceof ClosedSelectorException
                    || c instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private void fail(IllegalStateException failure) {
        List<Consumer<Throwable>> toTell;
        synchronized (this) {
            if (this.failure != null) {
                log.warn("{} (after an earlier failure)", failure.getMessage());
                return;
            }
            this.failure = failure;
            toTell = List.copyOf(listeners);
            listeners.clear();
        }
        log.error("{}", failure.getMessage(), failure.getCause());
        for (Consumer<Throwable> listener : toTell) {
            try {
                listener.accept(failure);
            } catch (RuntimeException e) {
                log.error("a transport failed to handle the failure of its ZeroMQ context", e);
            }
        }
    }
}
