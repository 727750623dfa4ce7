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
 * <p>A context whose thread failed ({@link IoThreadWatch}) is leased no more; its leases end as usual.
 *
 * <p>A CURVE server takes a context of its own: ZeroMQ's authentication handler listens on a fixed in-process
 * endpoint, of which each context has exactly one.
 */
final class ContextLease {
    private static final String SHARED_THREAD_PREFIX = ZeroMqTransport.THREAD_NAME_PREFIX + "shared-";
    private static final AtomicLong NEXT_LEASE = new AtomicLong();

    /** The process-wide context, its watch, and how many leases hold it. */
    private static final class Shared {
        final IoThreadWatch watch = new IoThreadWatch();
        final ZContext context;
        int leases;

        Shared(int lingerMillis, int ioThreadNice) {
            context = Sockets.newContext(SHARED_THREAD_PREFIX, lingerMillis, ioThreadNice, watch);
        }
    }

    private static Shared shared;

    private final ZContext context;
    private final IoThreadWatch watch;
    /** The shared context this is a shadow of, or null for a dedicated one. */
    private final Shared of;
    private final String endpointSuffix = "-" + NEXT_LEASE.incrementAndGet();

    private ContextLease(ZContext context, IoThreadWatch watch, Shared of) {
        this.context = context;
        this.watch = watch;
        this.of = of;
    }

    /**
     * A shadow of the process-wide context, which starts with the first lease: its {@code ioThreadNice} is the
     * one the I/O thread keeps while the context lives. A context whose thread failed is not leased again: the
     * next lease starts a new one.
     */
    static ContextLease shared(int lingerMillis, int ioThreadNice) {
        synchronized (ContextLease.class) {
            if (shared == null || shared.watch.failed()) {
                shared = new Shared(lingerMillis, ioThreadNice);
            }
            shared.leases++;
            ZContext shadow = shared.context.shadow();
            shadow.setLinger(lingerMillis);
            return new ContextLease(shadow, shared.watch, shared);
        }
    }

    /** A context of its own, its ZeroMQ threads named {@code threadNamePrefix + <ZeroMQ's name>}. */
    static ContextLease dedicated(String threadNamePrefix, int lingerMillis, int ioThreadNice) {
        IoThreadWatch watch = new IoThreadWatch();
        return new ContextLease(Sockets.newContext(threadNamePrefix, lingerMillis, ioThreadNice, watch), watch, null);
    }

    /** Where the failures of the context's threads are reported ({@link IoThreadWatch}). */
    IoThreadWatch watch() {
        return watch;
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
        if (of == null) {
            Sockets.terminate(context, deadline, threadName, owner);
            return;
        }
        context.close(); // a shadow: closes any socket left (none) and leaves the shared context running
        ZContext last = null;
        synchronized (ContextLease.class) {
            if (--of.leases == 0) {
                last = of.context;
                if (shared == of) {
                    shared = null;
                }
            }
        }
        if (last != null) {
            Sockets.terminate(last, deadline, threadName, owner);
        }
    }
}
