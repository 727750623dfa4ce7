package io.graft.testkit.history;

/** How a recorded operation ended, as its client saw it. */
public enum Outcome {
    /** It completed, and its output is known: it took effect exactly once, between invocation and completion. */
    OK,
    /** It definitely did not take effect (e.g. refused before anything was appended). Ignored by checkers. */
    FAILED,
    /**
     * The client never learned what happened (a timeout, a crash, a lost reply): it may have taken effect at
     * any time after its invocation, even after the history ends, or never.
     */
    UNKNOWN
}
