package io.graft.transport.zeromq;

import io.graft.api.config.Member;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way to one peer: a queue bounded in messages and in bytes, filled by any thread that calls {@code send}
 * and emptied by the transport's sending thread into the peer's DEALER socket. One queue per peer keeps a dead
 * peer from starving the others.
 */
final class PeerLink {
    private final Member member;
    private final ArrayBlockingQueue<byte[]> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueuedBytes;

    PeerLink(Member member, int maxMessages, long maxQueuedBytes) {
        this.member = member;
        this.queue = new ArrayBlockingQueue<>(maxMessages);
        this.maxQueuedBytes = maxQueuedBytes;
    }

    Member member() {
        return member;
    }

    /** Queues one encoded message unless a bound would be exceeded. Thread-safe, never blocks. */
    boolean offer(byte[] frame) {
        if (queuedBytes.addAndGet(frame.length) > maxQueuedBytes) {
            queuedBytes.addAndGet(-frame.length);
            return false;
        }
        if (!queue.offer(frame)) {
            queuedBytes.addAndGet(-frame.length);
            return false;
        }
        return true;
    }

    /** The oldest queued message, or {@code null}. */
    byte[] poll() {
        byte[] frame = queue.poll();
        if (frame != null) {
            queuedBytes.addAndGet(-frame.length);
        }
        return frame;
    }

    /** How many messages wait (for tests and diagnostics). */
    int queued() {
        return queue.size();
    }
}
