package io.graft.transport.zeromq;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Bytes of ZMTP 3.0 (rfc.zeromq.org/spec/23) as a raw TCP peer would send them, well-formed or not. */
final class Zmtp {
    /** ZMTP flag bits of a frame header. */
    static final int MORE = 0x01;
    static final int LARGE = 0x02;
    static final int COMMAND = 0x04;

    private Zmtp() {
    }

    /** A 64-byte ZMTP 3.0 greeting with the NULL mechanism, as a client (not as-server). */
    static byte[] greeting() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 0xff).put(new byte[8]).put((byte) 0x7f).put((byte) 3).put((byte) 0);
        b.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]);
        b.put((byte) 0).put(new byte[31]);
        return b.array();
    }

    /** A READY command announcing a DEALER with routing identity {@code identity}. */
    static byte[] ready(String identity) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        property(body, "Socket-Type", "DEALER");
        property(body, "Identity", identity);
        return frame(COMMAND, body.toByteArray());
    }

    private static void property(ByteArrayOutputStream out, String name, String value) {
        out.write(name.length());
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length()).array());
        out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** A whole frame: a short header when the body fits one byte of size, else a long one. */
    static byte[] frame(int flags, byte[] body) {
        boolean large = body.length > 255;
        ByteBuffer b = ByteBuffer.allocate((large ? 9 : 2) + body.length);
        b.put((byte) (flags | (large ? LARGE : 0)));
        if (large) {
            b.putLong(body.length);
        } else {
            b.put((byte) body.length);
        }
        return b.put(body).array();
    }

    /** A long frame header announcing {@code size} (read by the peer as an unsigned 64-bit number). */
    static byte[] longHeader(int flags, long size) {
        return ByteBuffer.allocate(9).put((byte) (flags | LARGE)).putLong(size).array();
    }

    /** The greeting and a READY: what a peer sends before its first message. */
    static byte[] handshake(String identity) {
        return concat(greeting(), ready(identity));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
