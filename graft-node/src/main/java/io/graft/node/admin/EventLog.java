package io.graft.node.admin;

import io.graft.api.event.RaftEvent;
import io.graft.api.event.RaftEventListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The member's most recent events, numbered from 1 in the order they arrived, for {@code /events}: a bounded ring
 * that forgets the oldest once full. Thread-safe.
 */
final class EventLog implements RaftEventListener {
    /** How many events are kept by default. */
    static final int DEFAULT_CAPACITY = 200;

    /**
     * One event with its number.
     *
     * @param seq 1 for the first event this log received, then 2, 3, ...
     * @param event the event
     */
    record Entry(long seq, RaftEvent event) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long lastSeq;

    EventLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void onEvent(RaftEvent event) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(++lastSeq, event));
    }

    /** The kept events numbered above {@code seq}, oldest first. */
    synchronized List<Entry> after(long seq) {
        List<Entry> newer = new ArrayList<>();
        for (Entry e : entries) {
            if (e.seq() > seq) {
                newer.add(e);
            }
        }
        return newer;
    }
}
