package io.graft.bench.load;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's resource counters at one instant; two samples give what a measured interval used.
 *
 * @param wallNanos {@link System#nanoTime()}
 * @param cpuNanos CPU time used by the whole process so far, or {@code -1} if the JVM cannot tell
 * @param gcMillis time spent in garbage collection so far (all collectors; for G1 that includes concurrent
 *                 cycles' pauses as the JVM reports them)
 * @param gcCount collections so far
 * @param allocatedBytes bytes allocated on the heap so far by live threads, or {@code -1} if unknown
 * @param threadCpuNanos CPU time so far of each live Graft thread ({@code graft-*}) by thread name
 * @param threadAllocatedBytes heap bytes allocated so far by each live Graft thread, by thread name
 * @param voluntaryContextSwitches times the process's live threads blocked (parked, waited) so far, from
 *                                 {@code /proc/self/task/}; {@code -1} where there is no such directory
 */
record ProcessSample(long wallNanos, long cpuNanos, long gcMillis, long gcCount, long allocatedBytes,
                     Map<String, Long> threadCpuNanos, Map<String, Long> threadAllocatedBytes,
                     long voluntaryContextSwitches) {

    /** The counters now. */
    static ProcessSample now() {
        long gcTime = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcTime += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return new ProcessSample(System.nanoTime(), processCpuNanos(), gcTime, gcCount, totalAllocatedBytes(),
                perGraftThread(true), perGraftThread(false), countVoluntaryContextSwitches());
    }

    /** CPU time used by this whole process so far, or {@code -1} if the JVM cannot tell. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Each live Graft thread's CPU time, or allocated bytes, so far, by thread name. */
    private static Map<String, Long> perGraftThread(boolean cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> values = new TreeMap<>();
        boolean supported = cpu ? threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
                : threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                        && sun.isThreadAllocatedMemoryEnabled();
        if (!supported) {
            return values;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("graft-")) {
                long id = info.getThreadId();
                long value = cpu ? threads.getThreadCpuTime(id)
                        : ((com.sun.management.ThreadMXBean) threads).getThreadAllocatedBytes(id);
                if (value >= 0) {
                    values.merge(info.getThreadName(), value, Long::sum);
                }
            }
        }
        return values;
    }

    /**
     * CPU nanoseconds per command of each Graft thread between {@code earlier} and this sample, plus
     * {@code other} for the rest of the process (garbage collection, JIT compilation, the JVM's own threads).
     */
    Map<String, Long> cpuNanosPerCommandSince(ProcessSample earlier, long commands) {
        return perCommand(threadCpuNanos, earlier.threadCpuNanos, cpuNanos, earlier.cpuNanos, commands);
    }

    /** Heap bytes allocated per command by each Graft thread since {@code earlier}, plus {@code other}. */
    Map<String, Long> allocatedBytesPerCommandSince(ProcessSample earlier, long commands) {
        return perCommand(threadAllocatedBytes, earlier.threadAllocatedBytes, allocatedBytes, earlier.allocatedBytes,
                commands);
    }

    private static Map<String, Long> perCommand(Map<String, Long> now, Map<String, Long> before, long total,
                                                long totalBefore, long commands) {
        Map<String, Long> perCommand = new TreeMap<>();
        if (commands <= 0) {
            return perCommand;
        }
        long graft = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            graft += used;
            if (used >= commands) {
                perCommand.put(e.getKey(), used / commands);
            }
        }
        if (total >= 0 && totalBefore >= 0) {
            perCommand.put("other", Math.max(0, total - totalBefore - graft) / commands);
        }
        return perCommand;
    }

    private static long totalAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    /** The sum over this process's threads of {@code voluntary_ctxt_switches} (Linux only). */
    private static long countVoluntaryContextSwitches() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    for (String line : Files.readAllLines(thread.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended while we looked.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
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
