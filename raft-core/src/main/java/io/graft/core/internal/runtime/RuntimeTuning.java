package io.graft.core.internal.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performance knobs of the runtime threads, read once from system properties. The defaults suit most
 * machines; see {@code docs/performance.md} for what each one trades.
 *
 * <ul>
 *   <li>{@value #INLINE_APPLY}: the longest a batch of committed entries may be expected to take for the
 *       event loop to apply it itself instead of handing it to the apply thread (microseconds, default
 *       {@value #DEFAULT_INLINE_APPLY_MICROS}; {@code 0} always hands over).</li>
 *   <li>{@value #IDLE_SPIN}: how long an idle event loop may spin, yielding, looking for work before it
 *       parks, when few commands are in flight and a processor is free ({@link IdleStrategy}; microseconds,
 *       default {@value #DEFAULT_IDLE_SPIN_MICROS}; {@code 0} parks at once).</li>
 * </ul>
 */
final class RuntimeTuning {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeTuning.class);

    static final String INLINE_APPLY = "graft.inlineApplyMicros";
    static final String IDLE_SPIN = "graft.idleSpinMicros";
    static final long DEFAULT_INLINE_APPLY_MICROS = 100;
    static final long DEFAULT_IDLE_SPIN_MICROS = 20;

    /** See {@value #INLINE_APPLY}, in nanoseconds. */
    static final long INLINE_APPLY_NANOS = micros(INLINE_APPLY, DEFAULT_INLINE_APPLY_MICROS) * 1000;
    /** See {@value #IDLE_SPIN}, in nanoseconds. */
    static final long IDLE_SPIN_NANOS = micros(IDLE_SPIN, DEFAULT_IDLE_SPIN_MICROS) * 1000;

    private RuntimeTuning() {
    }

    private static long micros(String property, long fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long micros = Long.parseLong(value.trim());
            if (micros >= 0 && micros <= 1_000_000) {
                return micros;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        LOG.warn("-D{}={} is not a number of microseconds from 0 to 1000000; using {}", property, value, fallback);
        return fallback;
    }
}
