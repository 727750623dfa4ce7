package io.graft.transport.inmemory;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Rolls the dice for each message: lost, delivered once or twice, and after what delay. All decisions come
 * from one seeded random source, so a single-threaded sender sees the same fates for the same seed.
 */
final class FateDecider {

    /** The least extra delay of a reordered copy. */
    static final long MIN_REORDER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Reordered copies are held back at most this long, or twice the maximum delay if that is longer. */
    static final long REORDER_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final long[] LOST = new long[0];
    private static final long[] ONCE_NOW = {0};

    private final SplittableRandom random;

    FateDecider(long seed) {
        random = new SplittableRandom(seed);
    }

    /**
     * The delays, in nanoseconds, of each copy to deliver: empty if the message is lost, two entries if it
     * is duplicated. The returned array must not be modified.
     */
    long[] decide(MessageFaults faults) {
        if (faults.isReliable()) {
            return ONCE_NOW; // no dice rolled: a reliable network draws nothing from the seed
        }
        // SplittableRandom is not thread-safe; senders on many threads share this one.
        synchronized (this) {
            if (faults.dropRate() > 0 && random.nextDouble() < faults.dropRate()) {
                return LOST;
            }
            boolean twice = faults.duplicateRate() > 0 && random.nextDouble() < faults.duplicateRate();
            long[] delays = new long[twice ? 2 : 1];
            for (int i = 0; i < delays.length; i++) {
                delays[i] = delay(faults);
            }
            return delays;
        }
    }

    private long delay(MessageFaults faults) {
        long min = faults.minDelayNanos();
        long spread = faults.maxDelayNanos() - min;
        long delay = spread > 0 ? min + random.nextLong(spread + 1) : min;
        if (faults.reorderRate() > 0 && random.nextDouble() < faults.reorderRate()) {
            long window = Math.max(REORDER_WINDOW_NANOS, 2 * faults.maxDelayNanos());
            delay += MIN_REORDER_NANOS + random.nextLong(window - MIN_REORDER_NANOS + 1);
        }
        return delay;
    }
}
