package io.graft.core.internal.sim;

import java.util.PriorityQueue;

/**
 * The simulation's only clock and scheduler: actions run one at a time in order of simulated time
 * (microseconds), ties broken by the order they were scheduled. Nothing else in a run moves time.
 */
final class EventQueue {
    private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long seq;
    private long executed;

    /** The current simulated time, in microseconds. */
    long now() {
        return now;
    }

    /** How many actions ran so far. */
    long executed() {
        return executed;
    }

    /** How many actions are scheduled. */
    int pending() {
        return queue.size();
    }

    /** Runs {@code action} at {@code time} (or now, if that is past). */
    void at(long time, Runnable action) {
        queue.add(new Event(Math.max(time, now), seq++, action));
    }

    /** Runs {@code action} {@code delay} microseconds from now. */
    void after(long delay, Runnable action) {
        at(now + Math.max(0, delay), action);
    }

    /** Runs the next action if it is due at or before {@code until}; returns false if none is. */
    boolean runNext(long until) {
        Event e = queue.peek();
        if (e == null || e.time > until) {
            now = Math.max(now, until);
            return false;
        }
        queue.poll();
        now = e.time;
        executed++;
        e.action.run();
        return true;
    }
}
