package io.graft.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A concurrent history of operations on a counter (the {@link Words} state machine: each write adds one and
 * returns the new count, each read returns the count), and a checker of what linearizability requires of it:
 * <ul>
 *   <li>a read sees every write that completed before it began: its value is at least theirs;</li>
 *   <li>a read sees nothing that did not exist yet: its value is at most the number of writes begun before it
 *       ended (failed writes included: their outcome may be unknown);</li>
 *   <li>reads do not go back in time: a read that began after another ended returns at least its value.</li>
 * </ul>
 * Times are {@link System#nanoTime()}, taken by the client threads around each call.
 */
final class CounterHistory {
    /** One completed operation: when it was invoked and when it returned. */
    record Op(boolean write, long start, long end, int value) {
    }

    private final List<Op> ops = new ArrayList<>();
    private final List<Long> writeStarts = new ArrayList<>();

    synchronized void writeStarted(long at) {
        writeStarts.add(at);
    }

    synchronized void completed(boolean write, long start, long end, int value) {
        ops.add(new Op(write, start, end, value));
    }

    synchronized int reads() {
        return (int) ops.stream().filter(o -> !o.write()).count();
    }

    /** Checks the history; throws an {@link AssertionError} naming the first violation. */
    synchronized void check() {
        List<Op> reads = ops.stream().filter(o -> !o.write()).toList();
        List<Op> writes = ops.stream().filter(Op::write).toList();
        for (Op r : reads) {
            int mustSee = writes.stream().filter(w -> w.end() < r.start()).mapToInt(Op::value).max().orElse(0);
            if (r.value() < mustSee) {
                throw new AssertionError("stale read " + r + ": a write returning " + mustSee + " completed before it");
            }
            long begun = writeStarts.stream().filter(t -> t < r.end()).count();
            if (r.value() > begun) {
                throw new AssertionError("read " + r + " sees " + r.value() + " writes but only " + begun + " had begun");
            }
        }
        List<Op> byEnd = new ArrayList<>(reads);
        byEnd.sort((a, b) -> Long.compare(a.end(), b.end()));
        for (Op later : reads) {
            for (Op earlier : byEnd) {
                if (earlier.end() >= later.start()) {
                    break;
                }
                if (later.value() < earlier.value()) {
                    throw new AssertionError("read " + later + " went back in time after read " + earlier);
                }
            }
        }
    }
}
