package io.graft.bench.load;

/**
 * One second of a run, for charts of latency and throughput over time.
 *
 * @param second seconds since the load started (warm-up included), at the end of this interval
 * @param measured whether the interval belongs to the measured part of the run
 * @param commandsPerSecond commands acknowledged in the interval
 * @param p50Micros median latency of those commands
 * @param p99Micros their 99th percentile latency
 * @param maxMicros their largest latency
 */
public record SecondSample(int second, boolean measured, double commandsPerSecond, double p50Micros,
                           double p99Micros, double maxMicros) {
}
