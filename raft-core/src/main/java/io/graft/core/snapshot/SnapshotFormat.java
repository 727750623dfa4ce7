package io.graft.core.snapshot;

import io.graft.api.MalformedMessageException;
import io.graft.core.internal.protocol.ClusterMembership;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * The layout of a snapshot file, the same on disk and on the wire (a leader sends the file's bytes as they
 * are, so the receiver checks exactly what the sender wrote):
 *
 * <pre>
 * header : magic "GRSN" | version u8 (=2) | index i64 | term i64 | voterCount i32 | voters i32...
 *          | membershipLength i32 | membership (ClusterMembership's encoding; version 1 files stop at voters)
 * data   : the state machine's bytes
 * trailer: dataLength i64 | crc32c u32 over header, data and dataLength
 * </pre>
 */
public final class SnapshotFormat {
    static final int MAGIC = 0x4752534E; // "GRSN"
    static final byte VERSION = 2;
    private static final byte VERSION_WITHOUT_MEMBERSHIP = 1;
    private static final int MAX_MEMBERSHIP_BYTES = 16 << 20;
    /** Bytes after the data. */
    public static final int TRAILER = 8 + 4;
    private static final int MAX_VOTERS = 10_000;

    private SnapshotFormat() {
    }

    /** The header for {@code meta}. */
    public static byte[] header(SnapshotMeta meta) {
        byte[] membership = membershipBytes(meta);
        ByteBuffer b = ByteBuffer.allocate(headerSize(meta));
        b.putInt(MAGIC).put(VERSION).putLong(meta.index()).putLong(meta.term()).putInt(meta.voters().size());
        meta.voters().forEach(b::putInt);
        b.putInt(membership.length).put(membership);
        return b.array();
    }

    private static byte[] membershipBytes(SnapshotMeta meta) {
        return meta.membership() == null ? new byte[0] : meta.membership().encode();
    }

    /** An output stream that writes header, data and trailer, checksumming as it goes. */
    public static OutputStream writer(SnapshotMeta meta, OutputStream file) throws IOException {
        return new ChecksummingWriter(meta, file);
    }

    /**
     * Reads a header.
     *
     * @throws IOException if the bytes are not a snapshot header
     */
    public static SnapshotMeta readHeader(DataInputStream in) throws IOException {
        return readSizedHeader(in).meta();
    }

    /** A header and its size in bytes (which depends on the version it was written in). */
    private record Header(SnapshotMeta meta, int size) {
    }

    private static Header readSizedHeader(DataInputStream in) throws IOException {
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Graft snapshot (bad magic)");
            }
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_WITHOUT_MEMBERSHIP) {
                throw new IOException("unsupported snapshot version " + version);
            }
            long index = in.readLong();
            long term = in.readLong();
            int count = in.readInt();
            if (index < 1 || term < 1 || count < 0 || count > MAX_VOTERS) {
                throw new IOException("corrupt snapshot header");
            }
            List<Integer> voters = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                voters.add(in.readInt());
            }
            int fixed = 4 + 1 + 8 + 8 + 4 + 4 * count;
            if (version == VERSION_WITHOUT_MEMBERSHIP) {
                return new Header(new SnapshotMeta(index, term, voters), fixed);
            }
            int length = in.readInt();
            if (length < 0 || length > MAX_MEMBERSHIP_BYTES) {
                throw new IOException("corrupt snapshot header (membership of " + length + " bytes)");
            }
            if (length == 0) {
                return new Header(new SnapshotMeta(index, term, voters), fixed + 4);
            }
            byte[] membership = in.readNBytes(length);
            if (membership.length != length) {
                throw new IOException("truncated snapshot header");
            }
            try {
                return new Header(new SnapshotMeta(index, term, voters, ClusterMembership.decode(membership)),
                        fixed + 4 + length);
            } catch (MalformedMessageException e) {
                throw new IOException("corrupt snapshot header: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new IOException("truncated snapshot header", e);
        }
    }

    /** The size of the header for {@code meta}. */
    public static int headerSize(SnapshotMeta meta) {
        return 4 + 1 + 8 + 8 + 4 + 4 * meta.voters().size() + 4 + membershipBytes(meta).length;
    }

    /**
     * Checks a whole snapshot's checksum and lengths, reading it once.
     *
     * @param file the snapshot's bytes, from the start
     * @param size the snapshot's total size
     * @return its metadata
     * @throws IOException if it is truncated or corrupt
     */
    public static SnapshotMeta verify(InputStream file, long size) throws IOException {
        CRC32C crc = new CRC32C();
        DataInputStream in = new DataInputStream(new CheckedInputStream(file, crc));
        Header header = readSizedHeader(in);
        SnapshotMeta meta = header.meta();
        long dataLength = size - header.size() - TRAILER;
        if (dataLength < 0) {
            throw new IOException("snapshot of " + size + " bytes is shorter than its header and trailer");
        }
        byte[] buf = new byte[64 * 1024];
        long left = dataLength;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("snapshot truncated: " + left + " data bytes missing");
            }
            left -= n;
        }
        long storedLength = in.readLong();
        int expected = (int) crc.getValue();
        int stored = new DataInputStream(file).readInt();
        if (storedLength != dataLength || stored != expected) {
            throw new IOException("snapshot checksum or length mismatch (index " + meta.index() + ")");
        }
        return meta;
    }

    /**
     * The state machine's bytes of a snapshot (already verified): skips the header and stops before the
     * trailer.
     */
    public static InputStream data(InputStream file, long size) throws IOException {
        DataInputStream in = new DataInputStream(file);
        long dataLength = size - readSizedHeader(in).size() - TRAILER;
        return new BoundedInputStream(in, dataLength);
    }

    /** Reads exactly {@code limit} bytes from {@code in}, then reports end of stream. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // The owner closes the file.
        }
    }

    private static final class ChecksummingWriter extends OutputStream {
        private final OutputStream out;
        private final CRC32C crc = new CRC32C();
        private long dataLength;
        private boolean closed;

        ChecksummingWriter(SnapshotMeta meta, OutputStream out) throws IOException {
            this.out = out;
            byte[] h = header(meta);
            crc.update(h);
            out.write(h);
        }

        @Override
        public void write(int b) throws IOException {
            crc.update(b);
            out.write(b);
            dataLength++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            out.write(b, off, len);
            dataLength += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** Writes the trailer; does not close the underlying stream (its owner syncs it first). */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            byte[] len = ByteBuffer.allocate(8).putLong(dataLength).array();
            crc.update(len);
            out.write(len);
            out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            out.flush();
        }
    }
}
