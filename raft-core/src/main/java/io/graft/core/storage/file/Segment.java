package io.graft.core.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file of the log: consecutive records from {@link #firstIndex()}, which also names the file.
 * Keeps the byte offset of every record so that conflict truncation can cut at an exact record boundary.
 * Only the active (last) segment holds an open channel.
 */
final class Segment {
    private static final Pattern NAME = Pattern.compile("log-(\\d{20})\\.seg");

    private final Path path;
    private final long firstIndex;
    private int[] offsets = new int[256];
    private int count;
    private long size;
    private long allocated;
    private FileChannel channel;

    Segment(Path path, long firstIndex) {
        this.path = path;
        this.firstIndex = firstIndex;
    }

    /** The file name of the segment starting at {@code firstIndex}. */
    static String fileName(long firstIndex) {
        return String.format("log-%020d.seg", firstIndex);
    }

    /** The first index encoded in a segment file name, or {@code -1} if {@code name} is not one. */
    static long parseFirstIndex(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return -1;
        }
        try {
            long index = Long.parseLong(m.group(1));
            return index >= 1 ? index : -1;
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    Path path() {
        return path;
    }

    long firstIndex() {
        return firstIndex;
    }

    /** The index of the last record, {@code firstIndex - 1} if there is none. */
    long lastIndex() {
        return firstIndex + count - 1;
    }

    int recordCount() {
        return count;
    }

    /** Bytes written to the file (records flushed from the write buffer). */
    long size() {
        return size;
    }

    void setSize(long size) {
        this.size = size;
        this.allocated = Math.max(allocated, size);
    }

    /** The file's length as this process left it: {@link #size()} plus any zeros written ahead of the records. */
    long allocated() {
        return allocated;
    }

    /** Records the file's length after zeros were written ahead, or after it was cut. */
    void setAllocated(long allocated) {
        this.allocated = allocated;
    }

    /** Registers the next record, starting at byte {@code offset}. */
    void addRecord(long offset) {
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalStateException("record offset " + offset + " beyond 2 GiB in " + path);
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = (int) offset;
    }

    /** The byte offset of the record with {@code index}. */
    long offsetOf(long index) {
        if (index < firstIndex || index > lastIndex()) {
            throw new IllegalArgumentException("index " + index + " not in " + path);
        }
        return offsets[(int) (index - firstIndex)];
    }

    /** Forgets the records from {@code index} on (the caller truncates the file); returns the new size. */
    long forgetFrom(long index) {
        long newSize = offsetOf(index);
        count = (int) (index - firstIndex);
        size = newSize;
        allocated = newSize;
        return newSize;
    }

    /** The open channel, or {@code null} if the segment is not active. */
    FileChannel channel() {
        return channel;
    }

    void setChannel(FileChannel channel) {
        this.channel = channel;
    }

    /** Closes the channel, if open. */
    void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            c.close();
        }
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + firstIndex + ".." + lastIndex() + ", " + size + "B]";
    }
}
