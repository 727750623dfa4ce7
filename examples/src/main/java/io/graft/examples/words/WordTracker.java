package io.graft.examples.words;

import io.graft.api.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The smallest useful state machine: each command appends a word, and its result is the number of words
 * tracked so far. Every replica ends with the same list in the same order.
 *
 * <p>{@link #words()} and {@link #count()} may be called from any thread while Graft applies commands.
 */
public final class WordTracker implements StateMachine<String, Integer> {

    private final Object lock = new Object();
    private final List<String> words = new ArrayList<>();

    @Override
    public Integer apply(long index, String word) {
        Objects.requireNonNull(word, "word must not be null");
        synchronized (lock) {
            words.add(word);
            return words.size();
        }
    }

    /** An immutable copy of the words applied so far, in log order. */
    public List<String> words() {
        synchronized (lock) {
            return List.copyOf(words);
        }
    }

    /** The number of words applied so far. */
    public int count() {
        synchronized (lock) {
            return words.size();
        }
    }
}
