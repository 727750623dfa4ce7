package io.graft.transport.zeromq;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * Allocates the buffer of every frame one socket receives, and refuses the sizes a peer must not be able to make
 * this process reserve.
 *
 * <p>JeroMQ 0.6.0's ZMTP decoder ({@code zmq.io.coder.Decoder.sizeReady}) reads a frame's 8-byte size as a
 * signed {@code long} and allocates a buffer of that size as soon as the header arrives, before any byte of the
 * body: an all-ones size (-1) passes its {@code MAXMSGSIZE} check and throws {@link NegativeArraySizeException} on
 * the I/O thread; a size with the top bit set and positive low 32 bits passes both its checks and is cut to an
 * {@code int} of up to 2 GiB; and a size under the limit reserves the whole limit per connection, whether or not
 * the body ever comes. (JeroMQ's pull request #1006 refuses negative sizes in {@code V2Decoder}, but no release on
 * Maven Central has it: 0.6.0 is the newest; and it leaves the up-front allocation as it is.) This allocator is the
 * one place where JeroMQ asks for that memory:
 * <ul>
 *   <li>a size below zero or above {@code maxFrameBytes} gets an empty frame, with no allocation;</li>
 *   <li>a frame of {@value #TRACKED_FROM_BYTES} bytes or more counts against {@code maxReservedBytes} until its
 *       reader is done with it ({@link #release}) or, for a frame no reader ever saw (a handshake command, a
 *       connection that broke mid-frame), the garbage collector reclaims its buffer; one that would exceed the
 *       bound gets an empty frame too.</li>
 * </ul>
 * Smaller frames are guarded too ({@link SmallFrame}): the parts of an unfinished multipart message count against
 * {@code maxReservedBytes}, and a command frame too short to hold a PING's time-to-live never reads as a PING.
 *
 * <p>An empty frame in place of a refused one ends a handshake at once (no ZMTP command is empty). After the
 * handshake, the connection goes on parsing the refused frame's body as further frames, each checked again: a
 * plain-TCP connection could send those frames directly anyway, and with CURVE they fail to decrypt, which ends
 * the connection. Every refusal is counted ({@link RejectReason#FRAME_SIZE_REFUSED},
 * {@link RejectReason#RECEIVE_MEMORY_FULL}).
 *
 * <p>{@link #allocate} is called on ZeroMQ's I/O thread; {@link #release} on the socket's reader; the cleaner's
 * thread releases the rest.
 */
final class FrameAllocator implements MsgAllocator {
    /** Frames smaller than this are not counted: below ZeroMQ's own 8 KiB read buffer per connection. */
    static final int TRACKED_FROM_BYTES = 8192;

    private static final Cleaner RECLAIMED = Cleaner.create();

    private final int maxFrameBytes;
    private final long maxReservedBytes;
    private final TransportCounters counters;
    private final AtomicLong reserved = new AtomicLong();
    /** The counted frames' buffers not yet released; weak, so that the cleaner still sees them reclaimed. */
    private final Map<byte[], Cleaner.Cleanable> unreleased = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param maxFrameBytes the largest frame accepted ({@code maxMessageBytes})
     * @param maxReservedBytes how many bytes the frames of {@value #TRACKED_FROM_BYTES} bytes or more may hold at
     *                         once, received or only announced
     */
    FrameAllocator(int maxFrameBytes, long maxReservedBytes, TransportCounters counters) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxReservedBytes = maxReservedBytes;
        this.counters = counters;
    }

    @Override
    public Msg allocate(int size) {
        if (size < 0 || size > maxFrameBytes) {
            counters.rejected(RejectReason.FRAME_SIZE_REFUSED);
            return new Msg(0);
        }
        if (size < TRACKED_FROM_BYTES) {
            return new SmallFrame(size, this);
        }
        if (reserved.addAndGet(size) > maxReservedBytes) {
            reserved.addAndGet(-size);
            counters.rejected(RejectReason.RECEIVE_MEMORY_FULL);
            return new Msg(0);
        }
        byte[] body = new byte[size];
        track(body, size);
        return new Msg(body);
    }

    /**
     * {@code part} is a small part of an unfinished multipart message: counts it, with its overhead, unless that
     * would pass the bound; returns whether it was counted (if not, the message is cut there).
     */
    boolean admitPart(SmallFrame part) {
        int cost = part.size() + SmallFrame.PART_OVERHEAD_BYTES;
        if (reserved.addAndGet(cost) > maxReservedBytes) {
            reserved.addAndGet(-cost);
            counters.rejected(RejectReason.RECEIVE_MEMORY_FULL);
            return false;
        }
        track(part.data(), cost);
        return true;
    }

    /** Counts {@code cost} bytes until {@code buffer} is released or reclaimed. */
    private void track(byte[] buffer, int cost) {
        // Arrays hash and compare by identity, so the map tells this buffer from any other of the same bytes.
        unreleased.put(buffer, RECLAIMED.register(buffer, () -> reserved.addAndGet(-cost)));
    }

    /** The reader is done with {@code frame}: its bytes no longer count. Harmless for a frame not counted. */
    void release(Msg frame) {
        if (frame.size() < TRACKED_FROM_BYTES && !frame.hasMore()) {
            return; // neither large nor a part: never counted
        }
        Cleaner.Cleanable reservation = unreleased.remove(frame.data());
        if (reservation != null) {
            reservation.clean(); // runs the release now, and never again
        }
    }

    /** The bytes held now by counted frames that the garbage collector has not reclaimed (for tests). */
    long reservedBytes() {
        return reserved.get();
    }
}
