package io.graft.core.client;

import io.graft.core.protocol.MalformedMessageException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire format between remote clients and members, big-endian:
 *
 * <pre>
 * request : version u8 (=1) | kind u8 (=1) | session i64 | sequence i64 | acknowledgedUpTo i64 | length i32 | command
 * response: version u8 (=1) | kind u8 (=2) | session i64 | sequence i64 | status u8 | leaderHint i32 | length i32 | body
 * </pre>
 *
 * Decoding trusts nothing and throws {@link MalformedMessageException} for any inconsistency.
 */
public final class ClientFrames {
    static final byte VERSION = 1;
    static final byte REQUEST = 1;
    static final byte RESPONSE = 2;

    private ClientFrames() {
    }

    public static byte[] encode(ClientRequest r) {
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * 3 + 4 + r.command().length);
        b.put(VERSION).put(REQUEST).putLong(r.sessionId()).putLong(r.sequence()).putLong(r.acknowledgedUpTo())
                .putInt(r.command().length).put(r.command());
        return b.array();
    }

    public static byte[] encode(ClientResponse r) {
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * 2 + 1 + 4 + 4 + r.body().length);
        b.put(VERSION).put(RESPONSE).putLong(r.sessionId()).putLong(r.sequence()).put((byte) r.status().ordinal())
                .putInt(r.leaderHint()).putInt(r.body().length).put(r.body());
        return b.array();
    }

    public static ClientRequest decodeRequest(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.BIG_ENDIAN);
        try {
            header(b, REQUEST);
            long session = b.getLong();
            long sequence = b.getLong();
            long acked = b.getLong();
            if (sequence < 1 || acked < 0 || acked >= sequence) {
                throw new MalformedMessageException("invalid sequence " + sequence + " / acknowledged " + acked);
            }
            return new ClientRequest(session, sequence, acked, body(b));
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated client request");
        }
    }

    public static ClientResponse decodeResponse(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.BIG_ENDIAN);
        try {
            header(b, RESPONSE);
            long session = b.getLong();
            long sequence = b.getLong();
            ClientStatus status = ClientStatus.ofCode(b.get());
            if (status == null) {
                throw new MalformedMessageException("unknown client status");
            }
            int hint = b.getInt();
            return new ClientResponse(session, sequence, status, hint, body(b));
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated client response");
        }
    }

    private static void header(ByteBuffer b, byte kind) {
        byte version = b.get();
        if (version != VERSION) {
            throw new MalformedMessageException("unsupported client protocol version " + version);
        }
        byte k = b.get();
        if (k != kind) {
            throw new MalformedMessageException("expected a client frame of kind " + kind + ", got " + k);
        }
    }

    private static byte[] body(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length != b.remaining()) {
            throw new MalformedMessageException("body length " + length + " does not match the " + b.remaining()
                    + " bytes left");
        }
        byte[] body = new byte[length];
        b.get(body);
        return body;
    }
}
