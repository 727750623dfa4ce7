package io.graft.core.storage.file;

import io.graft.api.CorruptLogException;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads segment files at load time with large sequential reads, validating every record and index, and
 * tells a torn tail from corruption.
 *
 * <p>The rule: a record that is not valid (cut short, bad length, checksum mismatch, unknown type) is a
 * <em>torn tail</em> iff it is in the last segment and no valid record follows it, that is, no byte offset
 * after its start holds a valid record with an index at or above the one expected there. A torn tail can
 * only be a write that was never synced (see {@link FileLogStorage} for why), so it is cut off. Any other
 * invalid record, a valid record with an unexpected index, or a gap between segments is corruption, and
 * loading fails with a {@link CorruptLogException} naming the file and byte offset.
 */
final class SegmentScanner {
    private static final int CHUNK = 4 << 20;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocate(CHUNK);

    /**
     * What was cut off the end of the last segment.
     *
     * @param zeros whether every byte cut is zero: space written ahead of the records, not a torn record
     */
    record TornTail(long offset, long bytes, String problem, boolean zeros) {
    }

    /**
     * Appends the entries of {@code segment} to {@code out}, registering record offsets and the valid size
     * in {@code segment}. Returns the torn tail to cut, or {@code null}; the caller truncates the file.
     */
    TornTail scan(Segment segment, FileChannel channel, boolean last, List<LogEntry> out) throws IOException {
        long fileSize = channel.size();
        long bufStart = 0;
        buf.clear();
        fill(channel, bufStart);
        int p = 0;
        long expected = segment.firstIndex();
        while (true) {
            long filePos = bufStart + p;
            long leftInFile = fileSize - filePos;
            if (leftInFile == 0) {
                segment.setSize(fileSize);
                return null;
            }
            int inBuf = buf.limit() - p;
            long needed = bytesNeeded(p, inBuf, leftInFile);
            if (needed > inBuf) {
                bufStart += p;
                refill(channel, p, bufStart, needed);
                p = 0;
                if (buf.limit() < needed) {
                    throw new IOException(segment.path() + " shrank while it was being read");
                }
                continue;
            }
            String problem = RecordFormat.problem(buf, p, leftInFile, crc);
            if (problem == null) {
                long index = RecordFormat.index(buf, p);
                if (index != expected) {
                    throw new CorruptLogException(segment.path(), filePos,
                            "record has index " + index + " where index " + expected + " was expected");
                }
                segment.addRecord(filePos);
                out.add(RecordFormat.decode(buf, p));
                p += RecordFormat.recordSize(buf, p);
                expected++;
                continue;
            }
            if (!last) {
                throw new CorruptLogException(segment.path(), filePos,
                        problem + " in a segment that is not the last one (segments are synced before the next"
                                + " is started, so this is not a torn write)");
            }
            long follower = findValidRecordAfter(channel, filePos, fileSize, expected);
            if (follower >= 0) {
                throw new CorruptLogException(segment.path(), filePos,
                        problem + "; a valid record follows at offset " + follower + ", so this is not a torn write");
            }
            segment.setSize(filePos);
            return new TornTail(filePos, leftInFile, problem, allZeros(channel, filePos, fileSize));
        }
    }

    /**
     * How many bytes from {@code p} must be buffered to judge the record there: the whole record when its
     * length is plausible and it fits in the file, else just what the file has (at most the prefix).
     */
    private long bytesNeeded(int p, int inBuf, long leftInFile) {
        if (inBuf < RecordFormat.PREFIX) {
            return Math.min(RecordFormat.PREFIX, leftInFile);
        }
        int length = buf.getInt(p);
        long recordSize = RecordFormat.PREFIX + (long) length;
        boolean plausible = length >= RecordFormat.FIXED_BODY && length - RecordFormat.FIXED_BODY <= RecordFormat.MAX_PAYLOAD;
        return plausible && recordSize <= leftInFile ? recordSize : inBuf;
    }

    /** Moves the unread bytes from {@code p} to the front, grows the buffer to hold {@code needed}, reads more. */
    private void refill(FileChannel channel, int p, long bufStart, long needed) throws IOException {
        buf.position(p);
        if (needed > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate((int) needed);
            bigger.put(buf);
            buf = bigger;
        } else {
            buf.compact();
        }
        fill(channel, bufStart);
    }

    /** Reads from the file into the buffer's free space until it is full or the file ends, then flips it. */
    private void fill(FileChannel channel, long bufStart) throws IOException {
        long filePos = bufStart + buf.position();
        while (buf.hasRemaining()) {
            int n = channel.read(buf, filePos);
            if (n < 0) {
                break;
            }
            filePos += n;
        }
        buf.flip();
    }

    /** Whether the bytes of {@code channel} from {@code from} to {@code to} are all zero. */
    private boolean allZeros(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, to - from)));
        long pos = from;
        while (pos < to) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), to - pos));
            int n = channel.read(chunk, pos);
            if (n < 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }

    /**
     * The offset of the first valid record with index {@code >= minIndex} starting after {@code from}, or
     * {@code -1}. Tries every byte offset; cheap checks (length, type, index) run before the checksum, so a
     * tail of zeros or garbage is scanned quickly.
     */
    private long findValidRecordAfter(FileChannel channel, long from, long fileSize, long minIndex)
            throws IOException {
        long remaining = fileSize - from;
        if (remaining > Integer.MAX_VALUE - 16) {
            return from + 1; // more unreadable bytes than any torn write could leave: treat as corruption
        }
        ByteBuffer tail = ByteBuffer.allocate((int) remaining);
        long pos = from;
        while (tail.hasRemaining() && channel.read(tail, pos) >= 0) {
            pos = from + tail.position();
        }
        byte[] bytes = tail.array();
        int n = tail.position();
        for (int q = 1; q + RecordFormat.MIN_RECORD <= n; q++) {
            int length = tail.getInt(q);
            if (length < RecordFormat.FIXED_BODY || length > n - q - RecordFormat.PREFIX
                    || !EntryType.isCode(bytes[q + 24]) || tail.getLong(q + 16) < minIndex) {
                continue;
            }
            if (RecordFormat.checksum(bytes, q, length, crc) == tail.getInt(q + 4)) {
                return from + q;
            }
        }
        return -1;
    }
}
