package io.graft.bench.load;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM's resource counters at one instant; two samples give what a measured interval used.
 *
 * @param wallNanos {@link System#nanoTime()}
 * @param cpuNanos CPU time used by the whole process so far, or {@code -1} if the JVM cannot tell
 * @param gcMillis time spent in garbage collection so far (all collectors; for G1 that includes concurrent
 *                 cycles' pauses as the JVM reports them)
 * @param gcCount collections so far
 */
record ProcessSample(long wallNanos, long cpuNanos, long gcMillis, long gcCount) {

    /** The counters now. */
    static ProcessSample now() {
        long gcTime = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcTime += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return new ProcessSample(System.nanoTime(), processCpuNanos(), gcTime, gcCount);
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Seconds from {@code earlier} to this sample. */
    double secondsSince(ProcessSample earlier) {
        return (wallNanos - earlier.wallNanos) / 1e9;
    }

    /** Average CPU cores busy from {@code earlier} to this sample, or {@code -1} if unknown. */
    double coresUsedSince(ProcessSample earlier) {
        if (cpuNanos < 0 || earlier.cpuNanos < 0) {
            return -1;
        }
        return (double) (cpuNanos - earlier.cpuNanos) / (wallNanos - earlier.wallNanos);
    }

    /**
     * The peak resident set size of this process so far, in KiB, from {@code VmHWM} in
     * {@code /proc/self/status}; {@code -1} where there is no such file (not Linux).
     */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: report unknown.
        }
        return -1;
    }
}
