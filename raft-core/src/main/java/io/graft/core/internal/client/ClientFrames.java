package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;
import io.graft.api.ReadConsistency;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between remote clients and members, big-endian:
 *
 * <pre>
 * command : version u8 (=1) | kind u8 (=1) | session i64 | sequence i64 | acknowledgedUpTo i64 | length i32 | command
 * response: version u8 (=1) | kind u8 (=2) | session i64 | sequence i64 | status u8 | leaderHint i32 | length i32 | body
 * read    : version u8 (=1) | kind u8 (=3) | session i64 | requestId i64 | consistency u8 | length i32 | query
 * admin   : version u8 (=1) | kind u8 (=4) | session i64 | requestId i64 | operation u8 | memberId i32 | port i32
 *           | length i32 | host (UTF-8)
 * </pre>
 *
 * Reads and admin requests (kinds 3 and 4, added within version 1: older members drop them as undecodable)
 * are numbered by negative request ids, so that their responses, which echo the id in the sequence field,
 * never match a command's sequence number. Decoding trusts nothing and throws
 * {@link MalformedMessageException} for any inconsistency.
 */
public final class ClientFrames {
    static final byte VERSION = 1;
    static final byte REQUEST = 1;
    static final byte RESPONSE = 2;
    static final byte READ = 3;
    static final byte ADMIN = 4;
    /** The longest host name an admin request may carry (DNS names are at most 253 characters). */
    private static final int MAX_HOST_BYTES = 1024;

    private ClientFrames() {
    }

    public static byte[] encode(ClientRequest r) {
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * 3 + 4 + r.command().length);
        b.put(VERSION).put(REQUEST).putLong(r.sessionId()).putLong(r.sequence()).putLong(r.acknowledgedUpTo())
                .putInt(r.command().length).put(r.command());
        return b.array();
    }

    public static byte[] encode(ClientRead r) {
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * 2 + 1 + 4 + r.query().length);
        b.put(VERSION).put(READ).putLong(r.sessionId()).putLong(r.requestId()).put((byte) ReadConsistencyCode.code(r.consistency()))
                .putInt(r.query().length).put(r.query());
        return b.array();
    }

    public static byte[] encode(AdminRequest r) {
        byte[] host = r.host().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * 2 + 1 + 4 + 4 + 4 + host.length);
        b.put(VERSION).put(ADMIN).putLong(r.sessionId()).putLong(r.requestId()).put((byte) r.operation().code())
                .putInt(r.memberId()).putInt(r.port()).putInt(host.length).put(host);
        return b.array();
    }

    public static byte[] encode(ClientResponse r) {
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * 2 + 1 + 4 + 4 + r.body().length);
        b.put(VERSION).put(RESPONSE).putLong(r.sessionId()).putLong(r.sequence()).put((byte) r.status().code())
                .putInt(r.leaderHint()).putInt(r.body().length).put(r.body());
        return b.array();
    }

    /** Decodes a command frame (kind 1) only. */
    public static ClientRequest decodeRequest(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.BIG_ENDIAN);
        try {
            header(b, REQUEST);
            return command(b);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated client request");
        }
    }

    /** Decodes whatever a client sends: a command, a read or an admin request. */
    public static ClientMessage decodeMessage(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.BIG_ENDIAN);
        try {
            version(b);
            byte kind = b.get();
            switch (kind) {
                case REQUEST:
                    return command(b);
                case READ:
                    return read(b);
                case ADMIN:
                    return admin(b);
                default:
                    throw new MalformedMessageException("expected a client request (kind 1, 3 or 4), got kind " + kind);
            }
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
            ClientStatus status = ClientStatus.fromCode(b.get());
            int hint = b.getInt();
            return new ClientResponse(session, sequence, status, hint, body(b));
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated client response");
        }
    }

    private static ClientRequest command(ByteBuffer b) {
        long session = b.getLong();
        long sequence = b.getLong();
        long acked = b.getLong();
        if (sequence < 1 || acked < 0 || acked >= sequence) {
            throw new MalformedMessageException("invalid sequence " + sequence + " / acknowledged " + acked);
        }
        return new ClientRequest(session, sequence, acked, body(b));
    }

    private static ClientRead read(ByteBuffer b) {
        long session = b.getLong();
        long id = requestId(b);
        ReadConsistency consistency = ReadConsistencyCode.fromCode(b.get());
        return new ClientRead(session, id, consistency, body(b));
    }

    private static AdminRequest admin(ByteBuffer b) {
        long session = b.getLong();
        long id = requestId(b);
        AdminOperation operation = AdminOperation.fromCode(b.get());
        int memberId = b.getInt();
        int port = b.getInt();
        if (b.remaining() >= 4 && b.getInt(b.position()) > MAX_HOST_BYTES) {
            throw new MalformedMessageException("a host name of more than " + MAX_HOST_BYTES + " bytes");
        }
        String host = new String(body(b), StandardCharsets.UTF_8);
        if (operation.needsMember() && memberId <= 0) {
            throw new MalformedMessageException(operation + " needs a positive member id, got " + memberId);
        }
        if (operation.needsAddress() && (host.isBlank() || port < 0 || port > 65535)) {
            throw new MalformedMessageException(operation + " needs the member's host and port, got '" + host + "' and "
                    + port);
        }
        return new AdminRequest(session, id, operation, memberId, host, port);
    }

    private static long requestId(ByteBuffer b) {
        long id = b.getLong();
        if (id >= 0) {
            throw new MalformedMessageException("a read or admin request id must be negative, got " + id);
        }
        return id;
    }

    private static void header(ByteBuffer b, byte kind) {
        version(b);
        byte k = b.get();
        if (k != kind) {
            throw new MalformedMessageException("expected a client frame of kind " + kind + ", got " + k);
        }
    }

    private static void version(ByteBuffer b) {
        byte version = b.get();
        if (version != VERSION) {
            throw new MalformedMessageException("unsupported client protocol version " + version);
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
