package io.graft.codec.kryo;

import com.esotericsoftware.kryo.io.Output;

/**
 * A reusable {@link Output} that counts the collection elements written, so that an encoder refuses a value
 * its decoders would refuse (see {@link ElementBudget}).
 */
final class GuardedOutput extends Output {
    private static final int INITIAL_BYTES = 4 * 1024;
    /** A buffer grown by one large value is dropped rather than kept by the pool. */
    private static final int MAX_RETAINED_BYTES = 1024 * 1024;

    private long elementsWritten;

    GuardedOutput() {
        super(INITIAL_BYTES, -1);
    }

    /** Starts a new value. */
    void start() {
        reset();
        elementsWritten = 0;
    }

    /** Shrinks the buffer back if a large value grew it. */
    void finish() {
        if (getBuffer().length > MAX_RETAINED_BYTES) {
            setBuffer(new byte[INITIAL_BYTES], -1);
        }
        reset();
    }

    /** Counts {@code count} collection elements written. */
    void countElements(int count) {
        elementsWritten += count;
    }

    /** The collection elements written since {@link #start()}. */
    long elementsWritten() {
        return elementsWritten;
    }
}
