package io.graft.core.internal.raft;

import io.graft.core.storage.LogEntry;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable run of consecutive log entries over an array nobody writes to once the slice exists. Cheaper
 * than {@code List.copyOf(subList)}, which copies twice: the log copies its entries into a new array once and
 * wraps it; sub-lists share that array.
 */
final class LogSlice extends AbstractList<LogEntry> implements RandomAccess {
    private final LogEntry[] array;
    private final int offset;
    private final int size;

    private LogSlice(LogEntry[] array, int offset, int size) {
        this.array = array;
        this.offset = offset;
        this.size = size;
    }

    /** A slice over {@code entries}, which the caller hands over and must never modify. */
    static LogSlice of(LogEntry[] entries) {
        return new LogSlice(entries, 0, entries.length);
    }

    @Override
    public LogEntry get(int index) {
        Objects.checkIndex(index, size);
        return array[offset + index];
    }

    @Override
    public int size() {
        return size;
    }

    /** One copy, straight from the array (what {@code ArrayList.addAll} asks for). */
    @Override
    public Object[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + size, Object[].class);
    }

    /** The entries from position {@code from} to {@code to}, sharing the same array. */
    @Override
    public List<LogEntry> subList(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new LogSlice(array, offset + from, to - from);
    }
}
