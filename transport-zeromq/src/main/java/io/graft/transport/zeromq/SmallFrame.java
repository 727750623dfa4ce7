package io.graft.transport.zeromq;

import zmq.Msg;

/**
 * A received frame under {@link FrameAllocator#TRACKED_FROM_BYTES}, guarded against two ways JeroMQ 0.6.0 lets a
 * peer misuse small frames:
 * <ul>
 *   <li>A part of an unfinished multipart message (flag MORE) is held in the connection's pipe until the last
 *       part comes, and counts against no high-water mark (the pipe counts whole messages): an endless message
 *       would grow without bound. So each such part counts against {@code receiveMemoryBytes} (its bytes and
 *       {@value #PART_OVERHEAD_BYTES} for the objects around them, {@link FrameAllocator#admitPart}), and where
 *       that is full the message is cut: the part arrives as its last.</li>
 *   <li>JeroMQ recognises a PING command by its first five bytes ({@code \x04PING}, through {@link #get(int)})
 *       and then reads its 2-byte time-to-live at offset 5 without checking that the frame holds it: a 5- or
 *       6-byte PING threw on the I/O thread. A command frame of fewer than {@value #PING_WITH_TTL_BYTES} bytes
 *       shows a length byte of 0 instead of 4 to that check, so it is ignored as an unknown command; every other
 *       reader sees its bytes unchanged.</li>
 * </ul>
 */
final class SmallFrame extends Msg {
    /** A PING holds its name (5 bytes with the length) and a 2-byte time-to-live. */
    static final int PING_WITH_TTL_BYTES = 7;
    /** What a part held in a pipe costs beyond its bytes: the message, its buffer and the array's header. */
    static final int PART_OVERHEAD_BYTES = 160;

    private final FrameAllocator allocator;
    private boolean flagsSet;

    SmallFrame(int size, FrameAllocator allocator) {
        super(size);
        this.allocator = allocator;
    }

    /** The decoder sets the flags from the wire once, right after allocating; a MORE may be cut here. */
    @Override
    public void setFlags(int flags) {
        if (!flagsSet && (flags & Msg.MORE) != 0 && !allocator.admitPart(this)) {
            flags &= ~Msg.MORE;
        }
        flagsSet = true;
        super.setFlags(flags);
    }

    @Override
    public byte get(int index) {
        byte b = super.get(index);
        if (index == 0 && b == 4 && size() < PING_WITH_TTL_BYTES && isCommand() && size() >= 5
                && super.get(1) == 'P' && super.get(2) == 'I' && super.get(3) == 'N' && super.get(4) == 'G') {
            return 0;
        }
        return b;
    }
}
