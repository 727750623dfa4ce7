package io.graft.node.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Reads the commit latency from the metrics registry's {@value #TIMER} timer (bound by
 * {@code graft-metrics-micrometer}), summed over its tags: the mean over each interval between two reads, and the
 * timer's recent maximum. Reports nothing while the registry has no such timer. Used by one thread at a time.
 */
final class CommitLatency {
    /** The name of the timer read. */
    static final String TIMER = "graft.commit.latency";

    /**
     * One read.
     *
     * @param meanMillis the mean latency of the commands answered since the read before, if any were
     * @param maxMillis the timer's recent maximum, if it has a timer
     */
    record Reading(OptionalDouble meanMillis, OptionalDouble maxMillis) {
        static final Reading NONE = new Reading(OptionalDouble.empty(), OptionalDouble.empty());
    }

    private final MeterRegistry registry;
    private long lastCount;
    private double lastTotalMillis;

    CommitLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The latency since the read before. */
    Reading read() {
        Collection<Timer> timers = registry.find(TIMER).timers();
        if (timers.isEmpty()) {
            return Reading.NONE;
        }
        long count = 0;
        double total = 0;
        double max = 0;
        for (Timer t : timers) {
            count += t.count();
            total += t.totalTime(TimeUnit.MILLISECONDS);
            max = Math.max(max, t.max(TimeUnit.MILLISECONDS));
        }
        long answered = count - lastCount;
        double took = total - lastTotalMillis;
        lastCount = count;
        lastTotalMillis = total;
        OptionalDouble mean = answered > 0 ? OptionalDouble.of(took / answered) : OptionalDouble.empty();
        return new Reading(mean, OptionalDouble.of(max));
    }
}
