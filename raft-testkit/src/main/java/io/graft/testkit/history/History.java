package io.graft.testkit.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Records a concurrent history as clients run: each operation's invocation, then its completion. Thread-safe;
 * clients on many threads record into one history.
 *
 * <pre>{@code
 * History<KvOp, KvOpResult> history = new History<>();
 * History.Pending<KvOp, KvOpResult> op = history.invoke(process, KvOp.put("k", "v1"));
 * try { op.ok(toResult(client.submit(...).get(...))); } catch (TimeoutException e) { op.unknown(); }
 * }</pre>
 *
 * @param <I> the type of inputs
 * @param <O> the type of outputs
 */
public final class History<I, O> {
    private final LongSupplier clock;
    private final long originNanos;
    private final AtomicInteger nextId = new AtomicInteger();
    private final List<Pending<I, O>> operations = new ArrayList<>();

    /** A history timed by {@link System#nanoTime()}. */
    public History() {
        this(System::nanoTime);
    }

    /** A history timed by {@code clock}, a monotonic nanosecond clock (tests pass a fake one). */
    public History(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.originNanos = clock.getAsLong();
    }

    /** When the history began, on its clock: reports show times relative to it. */
    public long originNanos() {
        return originNanos;
    }

    /** Records that {@code process} invokes {@code input} now; complete the returned handle exactly once. */
    public Pending<I, O> invoke(int process, I input) {
        Objects.requireNonNull(input, "input");
        Pending<I, O> p;
        synchronized (operations) {
            // The id is taken under the lock so that ids follow invocation order in the list.
            p = new Pending<>(this, nextId.getAndIncrement(), process, input, clock.getAsLong());
            operations.add(p);
        }
        return p;
    }

    /**
     * The operations so far, in invocation order. Operations still open are reported as {@link Outcome#UNKNOWN}:
     * whoever asks now has not seen their outcome.
     */
    public List<Operation<I, O>> operations() {
        List<Pending<I, O>> copy;
        synchronized (operations) {
            copy = new ArrayList<>(operations);
        }
        List<Operation<I, O>> result = new ArrayList<>(copy.size());
        for (Pending<I, O> p : copy) {
            result.add(p.snapshot());
        }
        return result;
    }

    /** How many operations were invoked. */
    public int size() {
        return nextId.get();
    }

    /**
     * An invoked operation waiting for its outcome. Exactly one of {@link #ok}, {@link #fail} or
     * {@link #unknown} must be called, once.
     *
     * @param <I> the type of inputs
     * @param <O> the type of outputs
     */
    public static final class Pending<I, O> {
        private final History<I, O> history;
        private final int id;
        private final int process;
        private final I input;
        private final long invokedNanos;
        private final AtomicReference<Operation<I, O>> completed = new AtomicReference<>();

        private Pending(History<I, O> history, int id, int process, I input, long invokedNanos) {
            this.history = history;
            this.id = id;
            this.process = process;
            this.input = input;
            this.invokedNanos = invokedNanos;
        }

        /** The operation's id in its history. */
        public int id() {
            return id;
        }

        /** Records that the operation completed now with {@code output}. */
        public void ok(O output) {
            complete(Operation.ok(id, process, input, Objects.requireNonNull(output, "output"), invokedNanos,
                    history.clock.getAsLong()));
        }

        /** Records that the operation definitely did not take effect. */
        public void fail() {
            complete(Operation.failed(id, process, input, invokedNanos, history.clock.getAsLong()));
        }

        /** Records that the operation's outcome will never be known. */
        public void unknown() {
            complete(Operation.unknown(id, process, input, invokedNanos));
        }

        private void complete(Operation<I, O> op) {
            if (!completed.compareAndSet(null, op)) {
                throw new IllegalStateException("operation " + id + " (" + input + ") was already completed as "
                        + completed.get().outcome());
            }
        }

        private Operation<I, O> snapshot() {
            Operation<I, O> op = completed.get();
            return op != null ? op : Operation.unknown(id, process, input, invokedNanos);
        }
    }
}
