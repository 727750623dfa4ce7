package io.graft.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in microseconds, from a histogram of nanoseconds.
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(long count, double p50Micros, double p90Micros, double p99Micros, double p999Micros,
                             double maxMicros) {

    /** The summary of {@code nanos}. */
    public static LatencySummary of(Histogram nanos) {
        return new LatencySummary(nanos.getTotalCount(), micros(nanos, 50), micros(nanos, 90), micros(nanos, 99),
                micros(nanos, 99.9), nanos.getMaxValue() / 1000.0);
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1000.0;
    }
}
