package io.graft.transport.zeromq;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Replies to remote clients, handed from the threads that produce them (a node answers from its event loop or
 * apply thread) to the receiving thread, the only one allowed to touch the ROUTER they go out through.
 *
 * <p>The queue is bounded in messages and bytes; a reply that does not fit is dropped (the client retries, and
 * its session makes the retry safe). The receiving thread waits in a blocking receive on the ROUTER, so it is
 * woken the way it wakes for everything else, by a message: {@link #offer} asks the sending thread (through
 * {@code wakeRequest}) to send one small frame to the ROUTER over an in-process connection. At most one
 * wake-up is in flight: the receiving thread re-arms by calling {@link #drainTo} (which clears the flag
 * before taking replies, so a reply offered meanwhile asks again and is never left waiting).
 */
final class ClientReplies {
    private final ArrayBlockingQueue<ClientReply> queue;
    private final long maxBytes;
    private final int maxFrameBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean wakeInFlight = new AtomicBoolean();
    private final Runnable wakeRequest;
    private final TransportCounters counters;
    private volatile Thread drainer;
    private volatile boolean closed;

    /**
     * @param maxFrameBytes the largest reply sent (a client would cut the connection on a larger one)
     * @param wakeRequest asks for a wake-up frame; called at most once per {@link #drainTo}, never blocks
     */
    ClientReplies(int maxMessages, long maxBytes, int maxFrameBytes, Runnable wakeRequest,
                  TransportCounters counters) {
        this.queue = new ArrayBlockingQueue<>(maxMessages);
        this.maxBytes = maxBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.wakeRequest = wakeRequest;
        this.counters = counters;
    }

    /** Names the receiving thread (which needs no wake-up: it drains after every frame it handles). */
    void drainedBy(Thread t) {
        drainer = t;
    }

    /** Queues a reply, or drops and counts it. Any thread; never blocks. */
    void offer(byte[] identity, byte[] frame) {
        if (closed) {
            counters.dropped(DropReason.CLOSED);
            return;
        }
        if (frame.length > maxFrameBytes) {
            counters.dropped(DropReason.TOO_LARGE);
            return;
        }
        if (queuedBytes.addAndGet(frame.length) > maxBytes || !queue.offer(new ClientReply(identity, frame))) {
            queuedBytes.addAndGet(-frame.length);
            counters.dropped(DropReason.CLIENT_REPLY_QUEUE_FULL);
            return;
        }
        if (Thread.currentThread() != drainer && wakeInFlight.compareAndSet(false, true)) {
            wakeRequest.run();
        }
    }

    /** The receiving thread's part: takes every queued reply and hands it to {@code sink}. */
    void drainTo(Consumer<ClientReply> sink) {
        wakeInFlight.set(false);
        ClientReply reply;
        while ((reply = queue.poll()) != null) {
            queuedBytes.addAndGet(-reply.frame().length);
            sink.accept(reply);
        }
    }

    /** Drops what is queued and every later reply. */
    void close() {
        closed = true;
        queue.clear();
    }
}
