package io.graft.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one run, printed as one JSON line so that scripts can collect and compare runs.
 *
 * @param settings what was run
 * @param commandsPerSecond commands acknowledged (committed and applied on the leader) per second of the
 *                          measured interval
 * @param latency submit-to-result latency of the commands acknowledged in the measured interval
 * @param peakRssMib the process's peak resident set size (VmHWM) at the end of the run, in MiB; {@code -1}
 *                   if unknown
 * @param childPeakRssMib the same for each child process, by member id ({@code --transport zeromq-process};
 *                        empty when every member runs in this JVM)
 * @param gcMillis time the JVM reports spent collecting garbage during the measured interval
 * @param gcCount collections during the measured interval
 * @param allocatedBytesPerCommand heap bytes the whole process allocated per acknowledged command during the
 *                                 measured interval (all members and the load generator); {@code -1} if unknown
 * @param allocatedBytesPerCommandByThread the same by thread, as {@code cpuNanosPerCommand}
 * @param cpuCores average CPU cores the whole process kept busy during the measured interval; with
 *                 {@code commandsPerSecond} it gives commands per CPU-second, a figure less sensitive to other
 *                 programs competing for the CPUs than throughput alone; this process only
 * @param childCpuCores the same for each child process, by member id; {@code commandsPerCpuSecond} counts
 *                      this process's cores and theirs
 * @param cpuNanosPerCommand CPU nanoseconds per acknowledged command during the measured interval, by thread
 *                           (the submitter is {@code graft-bench-submitter}; {@code other} is the rest of the
 *                           process: garbage collection, JIT compilation)
 * @param wakeUpsPerCommand times a thread of the process blocked and was woken again (voluntary context
 *                          switches), per acknowledged command, during the measured interval; each costs
 *                          microseconds of kernel time and of latency; {@code -1} if unknown
 * @param submitted commands submitted over the whole run (warm-up included)
 * @param acknowledged commands acknowledged over the whole run
 * @param failed commands that failed over the whole run (e.g. during a leader change)
 * @param leaderId the member that led at the end of the run (its threads are {@code graft-*-<id>})
 * @param leaderChanges how often the submitter had to follow a new leader
 * @param appliedOutOfOrder commands the first member applied with a sequence number not above the previous
 *                          one's: duplicates or reorderings ({@code 0} in a verified run through the node API;
 *                          a remote client's retries may reorder, see {@link LoadResult#verify})
 * @param verified whether, after the run, every member had applied every acknowledged command exactly once
 *                 and in submission order
 */
public record RunReport(LoadSettings settings, double commandsPerSecond, LatencySummary latency, long peakRssMib,
                        Map<Integer, Long> childPeakRssMib, long gcMillis, long gcCount, long allocatedBytesPerCommand,
                        Map<String, Long> allocatedBytesPerCommandByThread, double cpuCores,
                        Map<Integer, Double> childCpuCores, Map<String, Long> cpuNanosPerCommand,
                        double wakeUpsPerCommand, long submitted, long acknowledged, long failed, int leaderId,
                        int leaderChanges, long appliedOutOfOrder, boolean verified) {

    /** One line of JSON, keys in a fixed order. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", settings.nodes());
        m.put("transport", settings.transport().cliName());
        m.put("submit", settings.submit().cliName());
        m.put("durability", settings.durability().cliName());
        m.put("metrics", settings.metrics().cliName());
        m.put("commandBytes", settings.commandBytes());
        m.put("inFlight", settings.inFlight());
        m.put("snapshotEvery", settings.snapshotEvery());
        m.put("warmupSeconds", settings.warmupSeconds());
        m.put("measureSeconds", settings.measureSeconds());
        m.put("commandsPerSecond", round(commandsPerSecond, 1));
        m.put("p50Micros", round(latency.p50Micros(), 1));
        m.put("p90Micros", round(latency.p90Micros(), 1));
        m.put("p99Micros", round(latency.p99Micros(), 1));
        m.put("p999Micros", round(latency.p999Micros(), 1));
        m.put("maxMicros", round(latency.maxMicros(), 1));
        m.put("peakRssMiB", peakRssMib);
        m.put("childPeakRssMiB", childPeakRssMib);
        m.put("gcMillis", gcMillis);
        m.put("gcCount", gcCount);
        m.put("allocatedBytesPerCommand", allocatedBytesPerCommand);
        m.put("allocatedBytesPerCommandByThread", allocatedBytesPerCommandByThread);
        m.put("cpuCores", round(cpuCores, 2));
        Map<Integer, Object> childCores = new TreeMap<>();
        double allCores = cpuCores;
        for (Map.Entry<Integer, Double> e : childCpuCores.entrySet()) {
            childCores.put(e.getKey(), round(e.getValue(), 2));
            allCores = e.getValue() < 0 || allCores < 0 ? -1 : allCores + e.getValue();
        }
        m.put("childCpuCores", childCores);
        m.put("commandsPerCpuSecond", allCores > 0 ? round(commandsPerSecond / allCores, 0) : null);
        m.put("cpuNanosPerCommand", cpuNanosPerCommand);
        m.put("wakeUpsPerCommand", wakeUpsPerCommand < 0 ? null : round(wakeUpsPerCommand, 3));
        m.put("submitted", submitted);
        m.put("acknowledged", acknowledged);
        m.put("failed", failed);
        m.put("leaderId", leaderId);
        m.put("leaderChanges", leaderChanges);
        m.put("appliedOutOfOrder", appliedOutOfOrder);
        m.put("verified", verified);
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        // Other programs competing for the CPUs skew every figure; the load average says how much.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        m.put("systemLoadAverage", load < 0 ? null : round(load, 2));
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("java", System.getProperty("java.version"));
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            appendValue(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void appendValue(StringBuilder sb, Object v) {
        if (v instanceof String s) {
            sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendValue(sb, String.valueOf(e.getKey()));
                sb.append(':');
                appendValue(sb, e.getValue());
            }
            sb.append('}');
        } else {
            sb.append(v);
        }
    }

    private static Object round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null; // JSON has no NaN; null says "unknown".
        }
        return Double.valueOf(String.format(Locale.ROOT, "%." + decimals + "f", value));
    }
}
