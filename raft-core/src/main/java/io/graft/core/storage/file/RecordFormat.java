package io.graft.core.storage.file;

import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one log record (big-endian):
 *
 * <pre>
 * offset  size  field
 *      0     4  length  bytes after the crc field: 17 + payload length
 *      4     4  crc     CRC32C over the length field and the 'length' bytes after the crc field
 *      8     8  term
 *     16     8  index
 *     24     1  type    {@link EntryType#code()}
 *     25     n  payload
 * </pre>
 *
 * The length is covered by the checksum so that a damaged length is caught as surely as damaged content.
 */
final class RecordFormat {
    /** Bytes before the checksummed body: length and crc. */
    static final int PREFIX = 8;
    /** Fixed bytes of the body: term, index, type. */
    static final int FIXED_BODY = 17;
    /** The smallest record (an empty payload). */
    static final int MIN_RECORD = PREFIX + FIXED_BODY;
    /** The largest payload accepted, 512 MiB; larger commands belong in a snapshot or a blob store. */
    static final int MAX_PAYLOAD = 512 << 20;

    private RecordFormat() {
    }

    /** The encoded size of {@code entry}. */
    static int size(LogEntry entry) {
        return MIN_RECORD + entry.payload().length;
    }

    /** Writes {@code entry} at {@code dst}'s position, advancing it; {@code dst} must have room. */
    static void encode(LogEntry entry, ByteBuffer dst, CRC32C crc) {
        int start = dst.position();
        byte[] payload = entry.payload();
        dst.putInt(FIXED_BODY + payload.length);
        dst.putInt(0); // checksum, filled in below
        dst.putLong(entry.term());
        dst.putLong(entry.index());
        dst.put((byte) entry.type().code());
        dst.put(payload);
        int end = dst.position();
        int limit = dst.limit();
        crc.reset();
        crc.update(dst.limit(start + 4).position(start));
        crc.update(dst.limit(end).position(start + PREFIX));
        dst.limit(limit).position(end);
        dst.putInt(start + 4, (int) crc.getValue());
    }

    /** The checksum a record with body {@code [bodyStart, bodyStart + length)} of {@code buf} should carry. */
    static int checksum(byte[] buf, int recordStart, int length, CRC32C crc) {
        crc.reset();
        crc.update(buf, recordStart, 4);
        crc.update(buf, recordStart + PREFIX, length);
        return (int) crc.getValue();
    }

    /**
     * Why the record at {@code pos} of {@code buf} is not valid, or {@code null} if it is: the length fits in
     * {@code available} bytes, the checksum matches and the type is known. The index is not judged here.
     */
    static String problem(ByteBuffer buf, int pos, long available, CRC32C crc) {
        if (available < PREFIX) {
            return "record header is cut short (" + available + " bytes before end of file)";
        }
        int length = buf.getInt(pos);
        if (length < FIXED_BODY || length - FIXED_BODY > MAX_PAYLOAD) {
            return "invalid record length " + length;
        }
        if (PREFIX + (long) length > available) {
            return "record of " + (PREFIX + (long) length) + " bytes is cut short by the end of file ("
                    + available + " bytes left)";
        }
        if (checksum(buf.array(), buf.arrayOffset() + pos, length, crc) != buf.getInt(pos + 4)) {
            return "checksum mismatch";
        }
        if (!EntryType.isCode(buf.get(pos + 24))) {
            return "unknown entry type " + buf.get(pos + 24);
        }
        return null;
    }

    /** Decodes the valid record at {@code pos} of the heap buffer {@code buf}. */
    static LogEntry decode(ByteBuffer buf, int pos) {
        int length = buf.getInt(pos);
        long term = buf.getLong(pos + 8);
        long index = buf.getLong(pos + 16);
        EntryType type = EntryType.fromCode(buf.get(pos + 24)); // Checked valid by the caller.
        byte[] payload = new byte[length - FIXED_BODY];
        buf.get(pos + MIN_RECORD, payload);
        return new LogEntry(index, term, type, payload);
    }

    /** The index field of the record at {@code pos}. */
    static long index(ByteBuffer buf, int pos) {
        return buf.getLong(pos + 16);
    }

    /** The total size of the record at {@code pos} (valid records only). */
    static int recordSize(ByteBuffer buf, int pos) {
        return PREFIX + buf.getInt(pos);
    }
}
