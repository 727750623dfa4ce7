package io.graft.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the nemesis did and when, for the scenario's report. Thread-safe. */
final class FaultLog {
    private static final Logger LOG = LoggerFactory.getLogger(FaultLog.class);

    /**
     * One action.
     *
     * @param atMillis milliseconds since the history began
     * @param kind a short name counted in the summary (e.g. "kill")
     * @param text what exactly happened
     */
    record Event(long atMillis, String kind, String text) {
    }

    private final long originNanos;
    private final List<Event> events = new ArrayList<>();

    FaultLog(long originNanos) {
        this.originNanos = originNanos;
    }

    /** Records a fault being injected ({@code kind} is counted) or healed ({@code kind} null). */
    synchronized void record(String kind, String text) {
        Event e = new Event((System.nanoTime() - originNanos) / 1_000_000, kind, text);
        events.add(e);
        LOG.info("nemesis +{} ms: {}", e.atMillis(), text);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** How many faults of each kind were injected. */
    synchronized Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Event e : events) {
            if (e.kind() != null) {
                counts.merge(e.kind(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
