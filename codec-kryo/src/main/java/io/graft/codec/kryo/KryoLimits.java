package io.graft.codec.kryo;

/**
 * Bounds on what one value may hold, so that untrusted bytes cannot exhaust the stack or the heap.
 *
 * @param maxDepth how deeply objects may nest (a list in a record in a list is depth 3); deeper values are
 *                 refused on encode and on decode, before they can exhaust the thread's stack
 * @param maxElements how many collection, map and array elements a decode may create beyond one per input
 *                    byte (elements that take no bytes, like empty records in a list of one type, need it)
 */
record KryoLimits(int maxDepth, int maxElements) {

    /** The default maximum nesting depth. */
    static final int DEFAULT_MAX_DEPTH = 512;
    /** The default allowance of elements beyond one per input byte. */
    static final int DEFAULT_MAX_ELEMENTS = 1 << 20;

    KryoLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
        }
        if (maxElements < 0) {
            throw new IllegalArgumentException("maxElements must not be negative, got " + maxElements);
        }
    }

    /** The defaults. */
    static KryoLimits defaults() {
        return new KryoLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
    }
}
