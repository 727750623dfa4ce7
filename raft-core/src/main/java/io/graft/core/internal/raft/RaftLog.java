package io.graft.core.internal.raft;

import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's view of its log: every entry after the compaction point, in memory. Storage holds the durable
 * copy; this view may run ahead of it (entries not yet persisted), which the core tracks separately.
 *
 * <p>Terms in a Raft log never decrease with the index, so term boundaries are found by binary search.
 */
final class RaftLog {
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    /**
     * The last slice handed out, returned again for the same range: a leader slices the same new entries
     * for storage and for every follower that is up to date. Dropped whenever entries are removed.
     */
    private LogSlice lastSlice;
    private long lastSliceFrom;
    /** The index and term of the entry just before {@code entries.get(0)} (0/0 for a log that starts at 1). */
    private long baseIndex;
    private long baseTerm;
    /** The payload bytes of {@link #entries}, kept as entries come and go (for reports). */
    private long payloadBytes;

    /**
     * @param recovered entries from storage, consecutive, starting right after {@code baseIndex}
     * @param baseIndex the index before the first entry (a snapshot's last index, or 0)
     * @param baseTerm the term at {@code baseIndex}
     */
    RaftLog(List<LogEntry> recovered, long baseIndex, long baseTerm) {
        this.baseIndex = baseIndex;
        this.baseTerm = baseTerm;
        if (!recovered.isEmpty() && recovered.get(0).index() != baseIndex + 1) {
            throw new IllegalStateException("the log starts at index " + recovered.get(0).index()
                    + " but should follow index " + baseIndex);
        }
        entries.addAll(recovered);
        payloadBytes = sumPayload(0, entries.size());
    }

    private long sumPayload(int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += entries.get(i).payload().length;
        }
        return bytes;
    }

    /** The payload bytes of the entries in memory. */
    long payloadBytes() {
        return payloadBytes;
    }

    /** Forgets the entries up to {@code index} (covered by a snapshot); the log then starts after it. */
    void compact(long index) {
        if (index <= baseIndex) {
            return;
        }
        long t = term(index);
        int drop = (int) (Math.min(index, lastIndex()) - baseIndex);
        payloadBytes -= sumPayload(0, drop);
        entries.subList(0, drop).clear();
        lastSlice = null;
        baseIndex = index;
        baseTerm = t;
    }

    /** Replaces the whole log with a snapshot's position: empty, following {@code index} of {@code term}. */
    void reset(long index, long term) {
        entries.clear();
        payloadBytes = 0;
        lastSlice = null;
        baseIndex = index;
        baseTerm = term;
    }

    long firstIndex() {
        return baseIndex + 1;
    }

    long lastIndex() {
        return baseIndex + entries.size();
    }

    long lastTerm() {
        return entries.isEmpty() ? baseTerm : entries.get(entries.size() - 1).term();
    }

    /** The term of the entry at {@code index}, or {@code -1} if it is beyond the log or compacted away. */
    long term(long index) {
        if (index == baseIndex) {
            return baseTerm;
        }
        if (index < baseIndex || index > lastIndex()) {
            return -1;
        }
        return entries.get((int) (index - baseIndex - 1)).term();
    }

    LogEntry entry(long index) {
        return entries.get((int) (index - baseIndex - 1));
    }

    /** Whether the log holds an entry at {@code index} with {@code term} (index 0 always matches). */
    boolean matches(long index, long term) {
        return term(index) == term;
    }

    /**
     * Up to {@code maxCount} entries from {@code from} to {@code to} inclusive, stopping once {@code maxBytes}
     * of payload is reached (but always at least one entry). The list is an immutable copy (a single array
     * copy, shared by every caller asking for the same range).
     */
    List<LogEntry> slice(long from, long to, int maxCount, long maxBytes) {
        long last = Math.min(to, lastIndex());
        if (from > last) {
            return List.of();
        }
        int start = (int) (from - baseIndex - 1);
        int end = (int) Math.min(last - baseIndex, (long) start + maxCount);
        if (maxBytes < Long.MAX_VALUE) {
            long bytes = 0;
            for (int i = start; i < end; i++) {
                bytes += entries.get(i).payload().length;
                if (bytes > maxBytes && i > start) {
                    end = i;
                    break;
                }
            }
        }
        LogSlice cached = lastSlice;
        if (cached != null && lastSliceFrom == from && cached.size() == end - start) {
            return cached;
        }
        LogSlice slice = LogSlice.of(entries.subList(start, end).toArray(new LogEntry[0]));
        lastSlice = slice;
        lastSliceFrom = from;
        return slice;
    }

    void append(LogEntry entry) {
        entries.add(entry);
        payloadBytes += entry.payload().length;
    }

    void appendAll(List<LogEntry> batch) {
        int from = entries.size();
        entries.addAll(batch);
        payloadBytes += sumPayload(from, entries.size());
    }

    /** Removes every entry from {@code index} on. */
    void truncateFrom(long index) {
        int from = (int) (index - baseIndex - 1);
        payloadBytes -= sumPayload(from, entries.size());
        entries.subList(from, entries.size()).clear();
        lastSlice = null;
    }

    /** The first index holding {@code term}, searching at or below {@code upTo}; assumes term(upTo) == term. */
    long firstIndexOfTerm(long term, long upTo) {
        long lo = firstIndex();
        long hi = upTo;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (term(mid) < term) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The last index holding {@code term}, or {@code -1} if the log holds no entry of that term. */
    long lastIndexOfTerm(long term) {
        long lo = firstIndex();
        long hi = lastIndex();
        long found = -1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long t = term(mid);
            if (t <= term) {
                if (t == term) {
                    found = mid;
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
