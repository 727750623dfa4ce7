package io.graft.bench.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The submitter's own account of outcomes and their latencies, to compare with what members applied: every
 * acknowledged command must have been applied exactly once on every member.
 *
 * <p>Outcomes are recorded on whichever thread completes a command's future, which is the leader's apply
 * thread for every success: so each recording thread gets counters and a latency recorder of its own, and
 * recording costs no contended atomic operation, keeping the harness's share of the apply thread small.
 */
final class AckTally {
    private final AtomicLong submitted = new AtomicLong();
    private final List<Cell> cells = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Cell> local = ThreadLocal.withInitial(this::newCell);

    /** One recording thread's figures; written by that thread only, read by anyone. */
    private static final class Cell {
        final SingleWriterRecorder latencies = new SingleWriterRecorder(3);
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong fingerprintSum = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        /** The interval histogram handed back to {@link #latencies} for reuse; the reading thread's. */
        Histogram recycled;
    }

    private Cell newCell() {
        Cell c = new Cell();
        cells.add(c);
        return c;
    }

    /** Called by the submitting thread only. */
    void submitted() {
        submitted.lazySet(submitted.get() + 1);
    }

    void acknowledged(long sequence, long latencyNanos) {
        Cell c = local.get();
        c.latencies.recordValue(latencyNanos);
        // Single writer per cell: an ordered store suffices, no read-modify-write atomics needed.
        c.fingerprintSum.lazySet(c.fingerprintSum.get() + Commands.fingerprint(sequence));
        c.acknowledged.lazySet(c.acknowledged.get() + 1);
    }

    void failed() {
        Cell c = local.get();
        c.failed.lazySet(c.failed.get() + 1);
    }

    /** Commands acknowledged so far (a moment's view). */
    long acknowledged() {
        long sum = 0;
        for (Cell c : cells) {
            sum += c.acknowledged.get();
        }
        return sum;
    }

    /**
     * The latencies (nanoseconds) recorded since the previous call, from every thread, added to
     * {@code into} after clearing it. Called by one thread at a time.
     */
    Histogram intervalLatencies(Histogram into) {
        into.reset();
        for (Cell c : cells) {
            c.recycled = c.latencies.getIntervalHistogram(c.recycled);
            into.add(c.recycled);
        }
        return into;
    }

    /** A consistent view; call once nothing is in flight. */
    AckTotals totals() {
        long acked = 0;
        long sum = 0;
        long fail = 0;
        for (Cell c : cells) {
            acked += c.acknowledged.get();
            sum += c.fingerprintSum.get();
            fail += c.failed.get();
        }
        return new AckTotals(submitted.get(), acked, sum, fail);
    }
}
