package io.graft.transport.inmemory;

import java.time.Duration;

/**
 * How the network mistreats messages on links that are up. Immutable; the network swaps in a new one on
 * every change.
 *
 * @param dropRate probability that a message is lost
 * @param duplicateRate probability that a message that is not lost arrives twice
 * @param minDelayNanos the least delay of every copy
 * @param maxDelayNanos the greatest delay of every copy (uniformly random between min and max)
 * @param reorderRate probability that a copy is held back an extra time so that later messages overtake it
 */
record MessageFaults(double dropRate, double duplicateRate, long minDelayNanos, long maxDelayNanos,
                     double reorderRate) {

    /** The longest delay accepted; longer ones are surely mistakes (and would overflow arithmetic). */
    static final Duration MAX_DELAY = Duration.ofHours(1);

    /** A perfect network. */
    static final MessageFaults RELIABLE = new MessageFaults(0, 0, 0, 0, 0);

    MessageFaults {
        requireRate("drop rate", dropRate);
        requireRate("duplicate rate", duplicateRate);
        requireRate("reorder rate", reorderRate);
        if (minDelayNanos < 0 || maxDelayNanos < minDelayNanos) {
            throw new IllegalArgumentException("delays must satisfy 0 <= min <= max, got min "
                    + Duration.ofNanos(minDelayNanos) + " and max " + Duration.ofNanos(maxDelayNanos));
        }
        if (maxDelayNanos > MAX_DELAY.toNanos()) {
            throw new IllegalArgumentException("delays must be at most " + MAX_DELAY + ", got "
                    + Duration.ofNanos(maxDelayNanos));
        }
    }

    /** Whether messages are delivered once, at once. */
    boolean isReliable() {
        return dropRate == 0 && duplicateRate == 0 && maxDelayNanos == 0 && reorderRate == 0;
    }

    MessageFaults withDropRate(double rate) {
        return new MessageFaults(rate, duplicateRate, minDelayNanos, maxDelayNanos, reorderRate);
    }

    MessageFaults withDuplicateRate(double rate) {
        return new MessageFaults(dropRate, rate, minDelayNanos, maxDelayNanos, reorderRate);
    }

    MessageFaults withDelay(Duration min, Duration max) {
        return new MessageFaults(dropRate, duplicateRate, min.toNanos(), max.toNanos(), reorderRate);
    }

    MessageFaults withReorderRate(double rate) {
        return new MessageFaults(dropRate, duplicateRate, minDelayNanos, maxDelayNanos, rate);
    }

    private static void requireRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability between 0 and 1, got " + rate);
        }
    }
}
