package io.graft.transport.zeromq;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs at most one WARN per second per kind, so a peer sending garbage cannot flood the log; the next WARN of
 * a kind says how many were suppressed. Not thread-safe: each thread has its own.
 */
final class RateLimitedWarnings<K> {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger log;
    private final Map<K, long[]> state; // per kind: {last logged at (nanoTime), suppressed since}

    RateLimitedWarnings(Logger log) {
        this.log = log;
        this.state = new HashMap<>();
    }

    /** Logs {@code message} (an slf4j pattern) unless {@code kind} was logged less than a second ago. */
    void warn(K kind, String message, Object... args) {
        long now = System.nanoTime();
        long[] s = state.get(kind);
        if (s != null && now - s[0] < INTERVAL_NANOS) {
            s[1]++;
            return;
        }
        long suppressed = s == null ? 0 : s[1];
        state.put(kind, new long[] {now, 0});
        if (log.isWarnEnabled()) {
            String suffix = suppressed > 0 ? " (" + suppressed + " similar warnings suppressed)" : "";
            log.warn("[" + kind + "] " + message + suffix, args);
        }
    }
}
