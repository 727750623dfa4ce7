package io.graft.node.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The member's last samples, one a second (ten minutes by default), for {@code /history}. Thread-safe. */
final class History {
    /** How many samples are kept by default: ten minutes. */
    static final int DEFAULT_CAPACITY = 600;

    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    History(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(Sample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    /** The newest sample, or null before the first. */
    synchronized Sample last() {
        return samples.peekLast();
    }

    /** The kept samples taken after {@code atMillis}, oldest first. */
    synchronized List<Sample> after(long atMillis) {
        List<Sample> newer = new ArrayList<>();
        for (Sample s : samples) {
            if (s.atMillis() > atMillis) {
                newer.add(s);
            }
        }
        return newer;
    }
}
