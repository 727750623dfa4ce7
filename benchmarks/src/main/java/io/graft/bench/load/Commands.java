package io.graft.bench.load;

/**
 * The load generator's commands: {@code size} bytes whose first 8 hold a sequence number (big-endian) that
 * identifies the command, the rest a fixed filler. The sequence lets every member check that it applies
 * each command once, in submission order.
 */
final class Commands {
    /** The smallest command: the sequence number alone. */
    static final int MIN_SIZE = Long.BYTES;

    private Commands() {
    }

    /** A reusable command buffer of {@code size} bytes (the filler is written once). */
    static byte[] buffer(int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("commands need at least " + MIN_SIZE + " bytes (a sequence number), got "
                    + size);
        }
        byte[] b = new byte[size];
        for (int i = MIN_SIZE; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** Writes {@code sequence} into {@code buffer}. */
    static void setSequence(byte[] buffer, long sequence) {
        for (int i = 7; i >= 0; i--) {
            buffer[i] = (byte) sequence;
            sequence >>>= 8;
        }
    }

    /** The sequence number of a command. */
    static long sequence(byte[] command) {
        long s = 0;
        for (int i = 0; i < MIN_SIZE; i++) {
            s = (s << 8) | (command[i] & 0xFF);
        }
        return s;
    }

    /**
     * A well-mixed hash of a sequence number (the SplitMix64 finalizer). Sums of these identify a set of
     * commands: two sets with equal counts and equal sums are, for any practical purpose, the same set.
     */
    static long fingerprint(long sequence) {
        long z = sequence + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
