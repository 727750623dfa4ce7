package io.graft.transport.zeromq;

import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.ZContext;

/**
 * The ZeroMQ context one transport uses, and the in-process endpoint names that are private to it.
 *
 * <p>Transports share one process-wide context, hence one ZeroMQ I/O thread, as ZeroMQ advises ("one
 * context per process"): several members, or a member and a client, in one JVM then cost one I/O thread
 * instead of one each, and on a machine with few cores the thread hand-offs between them are the bulk of a
 * message's cost (three members in one JVM replicated 1.6 to 1.9 times as many commands per second with 256 in
 * flight, docs/performance.md). Each transport works through a shadow of the shared context, which owns only
 * that transport's sockets; the shared context ends when its last lease is released.
 *
 * <p>A CURVE server takes a context of its own: ZeroMQ's authentication handler listens on a fixed in-process
 * endpoint, of which each context has exactly one.
 */
final class ContextLease {
    private static final String SHARED_THREAD_PREFIX = ZeroMqTransport.THREAD_NAME_PREFIX + "shared-";
    private static final AtomicLong NEXT_LEASE = new AtomicLong();

    private static ZContext shared;
    private static int sharedLeases;

    private final ZContext context;
    private final boolean dedicated;
    private final String endpointSuffix = "-" + NEXT_LEASE.incrementAndGet();

    private ContextLease(ZContext context, boolean dedicated) {
        this.context = context;
        this.dedicated = dedicated;
    }

    /**
     * A shadow of the process-wide context, which starts with the first lease: its {@code ioThreadNice} is the
     * one the I/O thread keeps while the context lives.
     */
    static ContextLease shared(int lingerMillis, int ioThreadNice) {
        synchronized (ContextLease.class) {
            if (shared == null) {
                shared = Sockets.newContext(SHARED_THREAD_PREFIX, lingerMillis, ioThreadNice);
            }
            sharedLeases++;
            ZContext shadow = shared.shadow();
            shadow.setLinger(lingerMillis);
            return new ContextLease(shadow, false);
        }
    }

    /** A context of its own, its ZeroMQ threads named {@code threadNamePrefix + <ZeroMQ's name>}. */
    static ContextLease dedicated(String threadNamePrefix, int lingerMillis, int ioThreadNice) {
        return new ContextLease(Sockets.newContext(threadNamePrefix, lingerMillis, ioThreadNice), true);
    }

    /** Where sockets are made. */
    ZContext context() {
        return context;
    }

    /** Where the ROUTER publishes its monitor events to the sending thread. */
    String monitorEndpoint() {
        return "inproc://graft-router-monitor" + endpointSuffix;
    }

    /** Where the ROUTER also listens, for the sending thread's wake-up frames. */
    String wakeupEndpoint() {
        return "inproc://graft-router-wakeup" + endpointSuffix;
    }

    /**
     * Gives the context back once every socket made in it is closed: a dedicated context is ended, a shadow
     * forgotten, and the shared context ended with its last lease; waits at most until {@code deadline}
     * ({@link System#nanoTime()}), see {@link Sockets#terminate}.
     *
     * @param threadName the thread that ends a context, if one is ended
     * @param owner names the transport in a warning
     */
    void release(long deadline, String threadName, String owner) {
        if (dedicated) {
            Sockets.terminate(context, deadline, threadName, owner);
            return;
        }
        context.close(); // a shadow: closes any socket left (none) and leaves the shared context running
        ZContext last = null;
        synchronized (ContextLease.class) {
            if (--sharedLeases == 0) {
                last = shared;
                shared = null;
            }
        }
        if (last != null) {
            Sockets.terminate(last, deadline, threadName, owner);
        }
    }
}
