package io.graft.core.internal.sim;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The record of a run: a 64-bit hash of every traced event (the same seed must give the same hash, which is
 * how determinism is tested), the last few hundred events for failure reports, and, when asked, every event
 * printed as it happens.
 */
final class Trace {
    private static final int TAIL = 400;

    private record Line(long micros, int member, String what, Object detail) {
        @Override
        public String toString() {
            return String.format("%10.3f ms  %s  %-12s %s", micros / 1000.0, member == 0 ? "  " : "m" + member, what,
                    detail == null ? "" : detail);
        }
    }

    private final EventQueue clock;
    private final PrintStream printer;
    private final ArrayDeque<Line> tail = new ArrayDeque<>();
    private long hash = 0xcbf29ce484222325L;
    private long events;

    /** @param printer where to print every event, or {@code null} to keep only the hash and the tail */
    Trace(EventQueue clock, PrintStream printer) {
        this.clock = clock;
        this.printer = printer;
    }

    /** Records an event; {@code detailHash} must be a deterministic digest of {@code detail}. */
    void record(int member, String what, long detailHash, Object detail) {
        events++;
        mix(clock.now());
        mix(member);
        mix(what.hashCode());
        mix(detailHash);
        Line line = new Line(clock.now(), member, what, detail);
        if (printer != null) {
            printer.println(line.toString().replace('\n', ' ')); // One event, one line.
        }
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** Records an event whose detail's {@code toString} is deterministic. */
    void record(int member, String what, Object detail) {
        record(member, what, detail == null ? 0 : Objects.toString(detail).hashCode(), detail);
    }

    /** Mixes raw bytes (an encoded message) into the hash. */
    static long digest(byte[] bytes) {
        long h = 0x84222325cbf29ce4L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private void mix(long v) {
        hash = (hash ^ v) * 0x100000001b3L;
        hash ^= hash >>> 29;
    }

    long hash() {
        return hash;
    }

    long events() {
        return events;
    }

    /** The last events, oldest first, one per line. */
    String tail() {
        StringBuilder sb = new StringBuilder();
        for (Line l : tail) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}
