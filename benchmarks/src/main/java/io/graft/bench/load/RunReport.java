package io.graft.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run, printed as one JSON line so that scripts can collect and compare runs.
 *
 * @param settings what was run
 * @param commandsPerSecond commands acknowledged (committed and applied on the leader) per second of the
 *                          measured interval
 * @param latency submit-to-result latency of the commands acknowledged in the measured interval
 * @param peakRssMib the process's peak resident set size (VmHWM) at the end of the run, in MiB; {@code -1}
 *                   if unknown
 * @param gcMillis time the JVM reports spent collecting garbage during the measured interval
 * @param gcCount collections during the measured interval
 * @param cpuCores average CPU cores the whole process kept busy during the measured interval
 * @param submitted commands submitted over the whole run (warm-up included)
 * @param acknowledged commands acknowledged over the whole run
 * @param failed commands that failed over the whole run (e.g. during a leader change)
 * @param leaderChanges how often the submitter had to follow a new leader
 * @param verified whether, after the run, every member had applied every acknowledged command exactly once
 *                 and in submission order
 */
public record RunReport(LoadSettings settings, double commandsPerSecond, LatencySummary latency, long peakRssMib,
                        long gcMillis, long gcCount, double cpuCores, long submitted, long acknowledged, long failed,
                        int leaderChanges, boolean verified) {

    /** One line of JSON, keys in a fixed order. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", settings.nodes());
        m.put("transport", settings.transport().cliName());
        m.put("durability", settings.durability().cliName());
        m.put("commandBytes", settings.commandBytes());
        m.put("inFlight", settings.inFlight());
        m.put("warmupSeconds", settings.warmupSeconds());
        m.put("measureSeconds", settings.measureSeconds());
        m.put("commandsPerSecond", round(commandsPerSecond, 1));
        m.put("p50Micros", round(latency.p50Micros(), 1));
        m.put("p90Micros", round(latency.p90Micros(), 1));
        m.put("p99Micros", round(latency.p99Micros(), 1));
        m.put("p999Micros", round(latency.p999Micros(), 1));
        m.put("maxMicros", round(latency.maxMicros(), 1));
        m.put("peakRssMiB", peakRssMib);
        m.put("gcMillis", gcMillis);
        m.put("gcCount", gcCount);
        m.put("cpuCores", round(cpuCores, 2));
        m.put("submitted", submitted);
        m.put("acknowledged", acknowledged);
        m.put("failed", failed);
        m.put("leaderChanges", leaderChanges);
        m.put("verified", verified);
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("java", System.getProperty("java.version"));
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof String s) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    private static Object round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null; // JSON has no NaN; null says "unknown".
        }
        return Double.valueOf(String.format(Locale.ROOT, "%." + decimals + "f", value));
    }
}
