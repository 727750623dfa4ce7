package io.graft.testkit.history;

import java.util.Objects;

/**
 * One operation of a concurrent history: what a client asked for, when, and how it ended.
 *
 * @param id a number unique in its history, in invocation order
 * @param process the client (thread, session) that issued it; one process has at most one operation open
 * @param input what was asked
 * @param outcome how it ended
 * @param output what it returned when {@code outcome} is {@link Outcome#OK}, else {@code null}
 * @param invokedNanos when it was invoked (any monotonic clock shared by the whole history)
 * @param completedNanos when its outcome became known; {@link Long#MAX_VALUE} unless {@link Outcome#OK} or
 *                       {@link Outcome#FAILED}, as an unknown operation may take effect at any later time
 * @param <I> the type of inputs
 * @param <O> the type of outputs
 */
public record Operation<I, O>(int id, int process, I input, Outcome outcome, O output, long invokedNanos,
                              long completedNanos) {
    public Operation {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.OK && output == null) {
            throw new IllegalArgumentException("operation " + id + " is OK but has no output");
        }
        if (completedNanos < invokedNanos) {
            throw new IllegalArgumentException("operation " + id + " completed before it was invoked");
        }
    }

    /** A completed operation with a known output. */
    public static <I, O> Operation<I, O> ok(int id, int process, I input, O output, long invoked, long completed) {
        return new Operation<>(id, process, input, Outcome.OK, output, invoked, completed);
    }

    /** An operation that definitely did not take effect. */
    public static <I, O> Operation<I, O> failed(int id, int process, I input, long invoked, long completed) {
        return new Operation<>(id, process, input, Outcome.FAILED, null, invoked, completed);
    }

    /** An operation whose effect is unknown: it may take effect at any time after {@code invoked}, or never. */
    public static <I, O> Operation<I, O> unknown(int id, int process, I input, long invoked) {
        return new Operation<>(id, process, input, Outcome.UNKNOWN, null, invoked, Long.MAX_VALUE);
    }

    /** One line for reports: id, process, times relative to {@code origin} in milliseconds, input, outcome. */
    public String describe(long originNanos) {
        String end = completedNanos == Long.MAX_VALUE ? "?" : millis(completedNanos - originNanos);
        return String.format("#%d p%d [%s..%s ms] %s -> %s", id, process, millis(invokedNanos - originNanos), end,
                input, outcome == Outcome.OK ? output : outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
