package io.graft.transport.zeromq;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** How this transport makes and configures its ZeroMQ context and sockets. */
final class Sockets {
    private static final Logger log = LoggerFactory.getLogger(Sockets.class);

    /**
     * How long a blocking receive waits before its thread checks whether it should stop; bounds the time
     * {@code close()} takes, and adds no latency (a message ends the wait at once).
     */
    static final int STOP_CHECK_MILLIS = 100;

    private Sockets() {
    }

    /**
     * A context with one ZeroMQ I/O thread, its threads named {@code threadNamePrefix + <ZeroMQ's name>}, the I/O
     * thread at nice {@code ioThreadNice} ({@link IoThreadNice}), its threads' failures reported to {@code watch}.
     */
    static ZContext newContext(String threadNamePrefix, int lingerMillis, int ioThreadNice, IoThreadWatch watch) {
        ZContext context = new ZContext(1);
        context.setThreadFactor((runnable, name) -> {
            Runnable body = name.contains("iothread") ? IoThreadNice.lowering(runnable, ioThreadNice) : runnable;
            Thread t = new Thread(body, threadNamePrefix + name);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(watch::threadDied); // a custom factory must set it itself
            return t;
        });
        context.setUncaughtExceptionHandler(watch::threadDied);
        context.setNotificationExceptionHandler(watch::pollerReported);
        context.setLinger(lingerMillis);
        return context;
    }

    /**
     * The settings every socket of this transport shares; {@code frames} allocates what the socket receives (one
     * allocator per socket).
     */
    static void configure(ZMQ.Socket socket, ZeroMqSettings settings, FrameAllocator frames) {
        socket.setLinger(settings.lingerMillis());
        socket.setMaxMsgSize(settings.maxMessageBytes());
        socket.setMsgAllocator(frames); // validates announced frame sizes before anything is allocated
        socket.setReconnectIVL(settings.reconnectMillis());
        socket.setReconnectIVLMax(settings.reconnectMaxMillis());
        // Also the only cure for a JeroMQ 0.6.0 race that leaves a few dialled connections silent (see settings).
        socket.setHandshakeIvl(settings.handshakeTimeoutMillis());
        if (settings.heartbeatMillis() > 0) {
            socket.setHeartbeatIvl(settings.heartbeatMillis());
            socket.setHeartbeatTimeout(settings.heartbeatTimeoutMillis());
            socket.setHeartbeatTtl(settings.heartbeatTimeoutMillis());
        }
    }

    /** A frame allocator for one socket, with the bounds of {@code settings}. */
    static FrameAllocator frameAllocator(ZeroMqSettings settings, TransportCounters counters) {
        return new FrameAllocator(settings.maxMessageBytes(), settings.receiveMemoryBytes(), counters);
    }

    /**
     * Ends {@code context} (its sockets already closed by their threads), waiting at most until {@code deadline}
     * ({@link System#nanoTime()}). JeroMQ 0.6.0's reaper thread can die on a race in pipe termination, and
     * terminating the context then blocks forever; a daemon thread takes that risk instead of the caller, and is
     * left behind, with a warning, if it does not finish in time.
     *
     * @param threadName the name of the thread that terminates the context
     * @param owner names the transport in the warning
     */
    static void terminate(ZContext context, long deadline, String threadName, String owner) {
        Thread terminator = new Thread(context::close, threadName);
        terminator.setDaemon(true);
        terminator.start();
        try {
            TimeUnit.NANOSECONDS.timedJoin(terminator, Math.max(1, deadline - System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminator.isAlive()) {
            log.warn("{}: the ZeroMQ context did not terminate in time (a ZeroMQ thread may have failed); leaving"
                    + " it to daemon thread {}", owner, threadName);
        }
    }

    /**
     * Waits, at most {@code maxWaitNanos}, until nothing listens on {@code address} any more (a probe socket
     * can bind it); returns whether that happened.
     */
    static boolean awaitPortReleased(InetSocketAddress address, long maxWaitNanos) {
        long deadline = System.nanoTime() + maxWaitNanos;
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true); // like ZeroMQ's listener: connections in TIME_WAIT do not count
                probe.bind(address);
                return true;
            } catch (IOException stillListening) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /** {@code tcp://host:port}, bracketing IPv6 literals. */
    static String tcpEndpoint(String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "tcp://" + h + ":" + port;
    }

    /** Binds {@code endpoint}, explaining a failure in terms a user can act on. */
    static void bind(ZMQ.Socket socket, String endpoint) {
        try {
            socket.bind(endpoint);
        } catch (ZMQException e) {
            throw new IllegalStateException("cannot bind the zeromq transport to " + endpoint + ": " + e.getMessage()
                    + "; is another process using that port? Set transportOptions.bindHost (e.g. 0.0.0.0) if this"
                    + " member's host is not an address of this machine", e);
        }
    }
}
