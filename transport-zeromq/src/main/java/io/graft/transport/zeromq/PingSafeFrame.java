package io.graft.transport.zeromq;

import zmq.Msg;

/**
 * A received frame of fewer than {@value #PING_WITH_TTL_BYTES} bytes, which never reads as a ZMTP PING command.
 * JeroMQ 0.6.0 recognises a PING by its first five bytes ({@code \x04PING}, through {@link #get(int)}) and then
 * reads its 2-byte time-to-live at offset 5 without checking that the frame holds it: a 5- or 6-byte PING threw
 * on the I/O thread. Such a frame shows a length byte of 0 instead of 4 to that check, so it is ignored as an
 * unknown command; every other reader sees its bytes unchanged.
 */
final class PingSafeFrame extends Msg {
    /** A PING holds its name (5 bytes with the length) and a 2-byte time-to-live. */
    static final int PING_WITH_TTL_BYTES = 7;

    PingSafeFrame(int size) {
        super(size);
    }

    @Override
    public byte get(int index) {
        byte b = super.get(index);
        if (index == 0 && b == 4 && isCommand() && size() >= 5 && super.get(1) == 'P' && super.get(2) == 'I'
                && super.get(3) == 'N' && super.get(4) == 'G') {
            return 0;
        }
        return b;
    }
}
