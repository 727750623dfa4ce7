package io.graft.core.internal.runtime;

/**
 * What a producing runtime thread hands to the callback executor in one go: a {@link CompletionBatch} of
 * completions, or a {@link SingleCompletion}. Linked through {@link #next} while it waits in the
 * {@link CallbackThread}'s queue (and, for a batch, while it waits in its producer's free list).
 */
abstract class Handoff implements Runnable {
    /** The next one in whichever intrusive list holds this one; {@code null} when in none. */
    Handoff next;

    /** How many futures it completes. */
    abstract int size();

    /** Completes this hand-off's futures; never throws. */
    @Override
    public abstract void run();
}
