package io.graft.core.internal.protocol;

import io.graft.api.MalformedMessageException;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary encoding of {@link Message}s, big-endian:
 *
 * <pre>
 * header   : version u8 (=2) | type u8 | from i32 | to i32 | term i64
 * VoteReq  : lastLogIndex i64 | lastLogTerm i64 | flags u8 (1 = preVote, 2 = transfer, 4 = catchingUp)
 * VoteResp : flags u8 (1 = granted, 2 = preVote)
 * AppendReq: prevLogIndex i64 | prevLogTerm i64 | leaderCommit i64 | readContext i64 | catchUpConfirmed i64 |
 *            count i32 | count x entry
 *   entry  : term i64 | type u8 | length i32 | payload
 * AppendResp: flags u8 (1 = success, 2 = catchingUp) | index i64 | hintIndex i64 | hintTerm i64 | readContext i64
 * Snapshot : index i64 | snapshotTerm i64 | totalSize i64 | offset i64 | flags u8 (1 = done) | length i32 | data
 * SnapResp : index i64 | nextOffset i64 | flags u8 (1 = installed)
 * TimeoutNow: nothing after the header
 * </pre>
 *
 * Entry indexes are implied (consecutive from prevLogIndex + 1). Decoding trusts nothing: every length is
 * checked against the bytes present before anything is allocated, and any inconsistency raises
 * {@link MalformedMessageException}.
 */
public final class MessageCodec {
    /** The format version written and accepted. */
    public static final byte VERSION = 2;

    private static final byte VOTE_REQUEST = 1;
    private static final byte VOTE_RESPONSE = 2;
    private static final byte APPEND_REQUEST = 3;
    private static final byte APPEND_RESPONSE = 4;
    private static final byte INSTALL_SNAPSHOT = 5;
    private static final byte INSTALL_SNAPSHOT_RESPONSE = 6;
    private static final byte TIMEOUT_NOW = 7;

    private static final int HEADER = 1 + 1 + 4 + 4 + 8;
    private static final int ENTRY_HEADER = 8 + 1 + 4;

    private MessageCodec() {
    }

    /** The number of bytes {@link #encode} writes for {@code m}. */
    public static int encodedSize(Message m) {
        if (m instanceof AppendRequest a) {
            int size = HEADER + 8 + 8 + 8 + 8 + 8 + 4;
            for (LogEntry e : a.entries()) {
                size += ENTRY_HEADER + e.payload().length;
            }
            return size;
        }
        if (m instanceof VoteRequest) {
            return HEADER + 8 + 8 + 1;
        }
        if (m instanceof InstallSnapshot s) {
            return HEADER + 8 * 4 + 1 + 4 + s.data().length;
        }
        if (m instanceof InstallSnapshotResponse) {
            return HEADER + 8 + 8 + 1;
        }
        if (m instanceof VoteResponse) {
            return HEADER + 1;
        }
        if (m instanceof TimeoutNow) {
            return HEADER;
        }
        return HEADER + 1 + 8 + 8 + 8 + 8;
    }

    /** Encodes {@code m} into a new array. */
    public static byte[] encode(Message m) {
        ByteBuffer b = ByteBuffer.allocate(encodedSize(m));
        encode(m, b);
        return b.array();
    }

    /** Writes {@code m} at {@code out}'s position, big-endian whatever {@code out}'s byte order. */
    public static void encode(Message m, ByteBuffer out) {
        ByteOrder callersOrder = out.order();
        out.order(ByteOrder.BIG_ENDIAN);
        try {
            encodeBigEndian(m, out);
        } finally {
            out.order(callersOrder);
        }
    }

    private static void encodeBigEndian(Message m, ByteBuffer out) {
        out.put(VERSION);
        if (m instanceof AppendRequest a) {
            header(out, APPEND_REQUEST, m);
            out.putLong(a.prevLogIndex()).putLong(a.prevLogTerm()).putLong(a.leaderCommit()).putLong(a.readContext())
                    .putLong(a.catchUpConfirmed());
            out.putInt(a.entries().size());
            for (LogEntry e : a.entries()) {
                out.putLong(e.term()).put((byte) e.type().code()).putInt(e.payload().length).put(e.payload());
            }
        } else if (m instanceof AppendResponse a) {
            header(out, APPEND_RESPONSE, m);
            out.put((byte) ((a.success() ? 1 : 0) | (a.catchingUp() ? 2 : 0)));
            out.putLong(a.index()).putLong(a.hintIndex()).putLong(a.hintTerm()).putLong(a.readContext());
        } else if (m instanceof VoteRequest v) {
            header(out, VOTE_REQUEST, m);
            out.putLong(v.lastLogIndex()).putLong(v.lastLogTerm());
            out.put((byte) ((v.preVote() ? 1 : 0) | (v.transfer() ? 2 : 0) | (v.catchingUp() ? 4 : 0)));
        } else if (m instanceof VoteResponse v) {
            header(out, VOTE_RESPONSE, m);
            out.put((byte) ((v.granted() ? 1 : 0) | (v.preVote() ? 2 : 0)));
        } else if (m instanceof InstallSnapshot s) {
            header(out, INSTALL_SNAPSHOT, m);
            out.putLong(s.index()).putLong(s.snapshotTerm()).putLong(s.totalSize()).putLong(s.offset());
            out.put((byte) (s.done() ? 1 : 0)).putInt(s.data().length).put(s.data());
        } else if (m instanceof InstallSnapshotResponse r) {
            header(out, INSTALL_SNAPSHOT_RESPONSE, m);
            out.putLong(r.index()).putLong(r.nextOffset()).put((byte) (r.installed() ? 1 : 0));
        } else if (m instanceof TimeoutNow) {
            header(out, TIMEOUT_NOW, m);
        }
    }

    private static void header(ByteBuffer out, byte type, Message m) {
        out.put(type).putInt(m.from()).putInt(m.to()).putLong(m.term());
    }

    /** Decodes one message from a whole array. */
    public static Message decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    /**
     * Decodes exactly one message from {@code in}'s remaining bytes, read big-endian whatever {@code in}'s
     * byte order.
     *
     * @throws MalformedMessageException if they are not exactly one valid message
     */
    public static Message decode(ByteBuffer in) {
        ByteOrder callersOrder = in.order();
        in.order(ByteOrder.BIG_ENDIAN);
        try {
            Message m = decodeUnchecked(in);
            if (in.hasRemaining()) {
                throw new MalformedMessageException(in.remaining() + " trailing bytes after a " + m.getClass().getSimpleName());
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated message");
        } finally {
            in.order(callersOrder);
        }
    }

    private static Message decodeUnchecked(ByteBuffer in) {
        if (in.remaining() < HEADER) {
            throw new MalformedMessageException("frame of " + in.remaining() + " bytes is shorter than a header");
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new MalformedMessageException("unsupported protocol version " + version + " (this node speaks " + VERSION + ")");
        }
        byte type = in.get();
        int from = in.getInt();
        int to = in.getInt();
        long term = in.getLong();
        if (from <= 0 || to <= 0) {
            throw new MalformedMessageException("invalid member ids from=" + from + " to=" + to);
        }
        nonNegative("term", term);
        return switch (type) {
            case VOTE_REQUEST -> {
                long lastIndex = nonNegative("lastLogIndex", in.getLong());
                long lastTerm = nonNegative("lastLogTerm", in.getLong());
                int flags = flags(in.get(), 7);
                yield new VoteRequest(from, to, term, lastIndex, lastTerm, (flags & 1) != 0, (flags & 2) != 0,
                        (flags & 4) != 0);
            }
            case VOTE_RESPONSE -> {
                int flags = flags(in.get(), 3);
                yield new VoteResponse(from, to, term, (flags & 1) != 0, (flags & 2) != 0);
            }
            case APPEND_REQUEST -> {
                long prevIndex = nonNegative("prevLogIndex", in.getLong());
                long prevTerm = nonNegative("prevLogTerm", in.getLong());
                long commit = nonNegative("leaderCommit", in.getLong());
                long readContext = nonNegative("readContext", in.getLong());
                long catchUpConfirmed = nonNegative("catchUpConfirmed", in.getLong());
                int count = in.getInt();
                if (count < 0 || (long) count * ENTRY_HEADER > in.remaining()) {
                    throw new MalformedMessageException("entry count " + count + " does not fit in " + in.remaining() + " bytes");
                }
                if (prevIndex > Long.MAX_VALUE - count) {
                    throw new MalformedMessageException("prevLogIndex " + prevIndex + " + " + count + " entries overflows");
                }
                List<LogEntry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    long entryTerm = nonNegative("entry term", in.getLong());
                    byte typeCode = in.get();
                    if (!EntryType.isCode(typeCode)) {
                        throw new MalformedMessageException("unknown entry type " + typeCode);
                    }
                    EntryType entryType = EntryType.fromCode(typeCode);
                    int length = in.getInt();
                    if (length < 0 || length > in.remaining()) {
                        throw new MalformedMessageException("entry length " + length + " exceeds the " + in.remaining() + " bytes left");
                    }
                    byte[] payload = new byte[length];
                    in.get(payload);
                    entries.add(new LogEntry(prevIndex + 1 + i, entryTerm, entryType, payload));
                }
                yield new AppendRequest(from, to, term, prevIndex, prevTerm, commit, List.copyOf(entries), readContext,
                        catchUpConfirmed);
            }
            case APPEND_RESPONSE -> {
                int flags = flags(in.get(), 3);
                long index = nonNegative("index", in.getLong());
                long hintIndex = nonNegative("hintIndex", in.getLong());
                long hintTerm = nonNegative("hintTerm", in.getLong());
                long readContext = nonNegative("readContext", in.getLong());
                yield new AppendResponse(from, to, term, (flags & 1) != 0, index, hintIndex, hintTerm, readContext,
                        (flags & 2) != 0);
            }
            case INSTALL_SNAPSHOT -> {
                long index = nonNegative("index", in.getLong());
                long snapshotTerm = nonNegative("snapshotTerm", in.getLong());
                long total = nonNegative("totalSize", in.getLong());
                long offset = nonNegative("offset", in.getLong());
                int flags = flags(in.get(), 1);
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new MalformedMessageException("chunk length " + length + " exceeds the " + in.remaining() + " bytes left");
                }
                if (offset > total || length > total - offset) {
                    throw new MalformedMessageException("chunk " + offset + "+" + length + " lies beyond the snapshot's " + total + " bytes");
                }
                byte[] data = new byte[length];
                in.get(data);
                yield new InstallSnapshot(from, to, term, index, snapshotTerm, total, offset, data, flags == 1);
            }
            case INSTALL_SNAPSHOT_RESPONSE -> {
                long index = nonNegative("index", in.getLong());
                long next = nonNegative("nextOffset", in.getLong());
                int flags = flags(in.get(), 1);
                yield new InstallSnapshotResponse(from, to, term, index, next, flags == 1);
            }
            case TIMEOUT_NOW -> new TimeoutNow(from, to, term);
            default -> throw new MalformedMessageException("unknown message type " + type);
        };
    }

    private static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new MalformedMessageException(field + " is negative: " + value);
        }
        return value;
    }

    private static int flags(byte b, int allowed) {
        if ((b & ~allowed) != 0) {
            throw new MalformedMessageException("unknown flag bits " + Integer.toBinaryString(b & 0xff));
        }
        return b;
    }
}
