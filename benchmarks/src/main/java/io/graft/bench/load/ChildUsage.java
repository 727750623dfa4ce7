package io.graft.bench.load;

/**
 * A child member process's resource use so far.
 *
 * @param peakRssKib its peak resident set size ({@code VmHWM}), in KiB; {@code -1} if unknown
 * @param cpuNanos the CPU time it used, in nanoseconds; {@code -1} if unknown
 */
record ChildUsage(long peakRssKib, long cpuNanos) {
}
