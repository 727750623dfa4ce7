package io.graft.codec.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Bounds the collection elements one decode may create.
 *
 * <p>An element almost always takes at least one byte (a class id, a null marker, a length), so a value of
 * {@code n} bytes rarely holds more than {@code n} elements in all its collections, maps and arrays together.
 * The exception is a type that serializes to nothing (an empty record in a list of one type), so the budget is
 * the input length plus {@code maxElements}. A declared size beyond the budget is refused before anything is
 * allocated, and the encoder applies the same rule so that it never produces bytes its peers would refuse.
 */
final class ElementBudget {

    private ElementBudget() {
    }

    /** The budget for decoding {@code inputLength} bytes. */
    static long forInput(int inputLength, int maxElements) {
        return (long) inputLength + maxElements;
    }

    /** Charges {@code size} elements to a decode, when {@code input} is one of the codec's. */
    static void claim(Input input, int size) {
        if (input instanceof GuardedInput) {
            ((GuardedInput) input).claimElements(size);
        }
    }

    /** Counts {@code size} elements written, when {@code output} is one of the codec's. */
    static void count(Output output, int size) {
        if (output instanceof GuardedOutput) {
            ((GuardedOutput) output).countElements(size);
        }
    }

    /** An initial capacity for a collection declared to hold {@code size} elements: never more than the bytes left. */
    static int initialCapacity(Input input, int size) {
        if (input instanceof GuardedInput) {
            return Math.max(0, Math.min(size, ((GuardedInput) input).remaining()));
        }
        return Math.max(0, size);
    }
}
