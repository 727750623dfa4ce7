package io.graft.testkit.history;

import java.util.Optional;

/**
 * The sequential specification a concurrent history is checked against: a deterministic object whose every
 * operation takes effect atomically.
 *
 * <p>States must be immutable values with {@code equals} and {@code hashCode} (the checker memoizes on
 * them) and never {@code null}.
 *
 * @param <S> the type of states
 * @param <I> the type of operation inputs
 * @param <O> the type of operation outputs
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S initialState();

    /**
     * Applies {@code input} to {@code state} if the object could have answered {@code output} there.
     *
     * @return the next state, or empty if {@code output} is impossible from {@code state}
     */
    Optional<S> step(S state, I input, O output);

    /** Applies {@code input} to {@code state} when its output was never observed (any output is acceptable). */
    S stepUnknown(S state, I input);

    /**
     * The independent part of the object an input touches, such as a key of a map: histories are checked one
     * part at a time, which is sound because linearizability is compositional. The default is one part.
     */
    default Object partitionOf(I input) {
        return "";
    }

    /**
     * Whether an operation with an unknown outcome can be left out of the check: true for reads, which change
     * nothing and whose unseen output constrains nothing. Leaving them out keeps the search small.
     */
    default boolean isReadOnly(I input) {
        return false;
    }
}
