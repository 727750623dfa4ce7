package io.graft.testkit.history;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a concurrent history is linearizable with respect to a {@link Model}: whether every
 * operation can be given one instant between its invocation and its completion such that, in the order of
 * those instants, the operations are a legal sequential run of the model.
 *
 * <p>The search is the Wing &amp; Gong algorithm with Lowe's memoization, as in the Porcupine and Knossos
 * checkers: walk the events in time order, try to linearize each open operation next, backtrack on a dead end,
 * and never revisit a (set of linearized operations, model state) pair. Histories are split by
 * {@link Model#partitionOf} first, which is sound because linearizability is compositional. Operations that
 * {@linkplain Outcome#FAILED failed} are left out; operations with an {@linkplain Outcome#UNKNOWN unknown}
 * outcome may take effect at any time after their invocation (taking effect after everyone else is the same
 * as never); unknown reads are left out.
 *
 * <p>The problem is NP-complete, so the check stops at a time limit and says {@link CheckResult.Verdict#TIMED_OUT}.
 */
public final class LinearizabilityChecker {
    private static final int REPORTED_OPERATIONS = 12;
    private static final int CLOCK_CHECK_EVERY = 1 << 10;

    private LinearizabilityChecker() {
    }

    /**
     * Checks {@code history} against {@code model}, giving up after {@code timeLimit}.
     *
     * @return the verdict, with the first violation found (or the point the search had reached at the limit)
     */
    public static <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history,
                                              Duration timeLimit) {
        Objects.requireNonNull(model, "model");
        long started = System.nanoTime();
        long deadline = started + timeLimit.toNanos();
        Map<Object, List<Operation<I, O>>> parts = new LinkedHashMap<>();
        int checked = 0;
        for (Operation<I, O> op : history) {
            if (op.outcome() == Outcome.FAILED || op.outcome() == Outcome.UNKNOWN && model.isReadOnly(op.input())) {
                continue;
            }
            parts.computeIfAbsent(model.partitionOf(op.input()), k -> new ArrayList<>()).add(op);
            checked++;
        }
        for (Map.Entry<Object, List<Operation<I, O>>> part : parts.entrySet()) {
            Search<S, I, O> search = new Search<>(model, part.getKey(), part.getValue(), deadline);
            CheckResult.Verdict verdict = search.run();
            if (verdict != CheckResult.Verdict.LINEARIZABLE) {
                return new CheckResult(verdict, checked, parts.size(), Duration.ofNanos(System.nanoTime() - started),
                        Optional.of(search.violation()));
            }
        }
        return new CheckResult(CheckResult.Verdict.LINEARIZABLE, checked, parts.size(),
                Duration.ofNanos(System.nanoTime() - started), Optional.empty());
    }

    /** One event of the history: an operation's call or its return, in a doubly linked list in time order. */
    private static final class Event<I, O> {
        final Operation<I, O> op;
        final int bit;
        final boolean call;
        final long time;
        Event<I, O> match;
        Event<I, O> prev;
        Event<I, O> next;

        Event(Operation<I, O> op, int bit, boolean call, long time) {
            this.op = op;
            this.bit = bit;
            this.call = call;
            this.time = time;
        }
    }

    /** A choice made during the search, undone on backtracking. */
    private record Frame<S, I, O>(Event<I, O> call, S stateBefore) {
    }

    /** A point already explored: which operations are linearized, and the state they led to. */
    private record Explored(BitSet linearized, Object state) {
    }

    /** The search over one partition. */
    private static final class Search<S, I, O> {
        private final Model<S, I, O> model;
        private final Object partition;
        private final List<Operation<I, O>> ops;
        private final long deadline;
        private final Event<I, O> head = new Event<>(null, -1, false, Long.MIN_VALUE);
        private final Deque<Frame<S, I, O>> stack = new ArrayDeque<>();
        private final Set<Explored> explored = new HashSet<>();
        private S state;
        private int deepest = -1;
        private CheckResult.Violation violation;

        Search(Model<S, I, O> model, Object partition, List<Operation<I, O>> ops, long deadline) {
            this.model = model;
            this.partition = partition;
            this.ops = ops;
            this.deadline = deadline;
            this.state = Objects.requireNonNull(model.initialState(), "the model's initial state");
            link();
        }

        /** Builds the event list: by time, calls before returns at the same instant (they overlap). */
        private void link() {
            List<Event<I, O>> events = new ArrayList<>(ops.size() * 2);
            for (int i = 0; i < ops.size(); i++) {
                Operation<I, O> op = ops.get(i);
                Event<I, O> call = new Event<>(op, i, true, op.invokedNanos());
                Event<I, O> ret = new Event<>(op, i, false, op.completedNanos());
                call.match = ret;
                ret.match = call;
                events.add(call);
                events.add(ret);
            }
            events.sort(Comparator.<Event<I, O>>comparingLong(e -> e.time).thenComparing(e -> !e.call)
                    .thenComparingInt(e -> e.bit));
            Event<I, O> last = head;
            for (Event<I, O> e : events) {
                last.next = e;
                e.prev = last;
                last = e;
            }
        }

        CheckResult.Verdict run() {
            BitSet linearized = new BitSet(ops.size());
            Event<I, O> entry = head.next;
            long steps = 0;
            while (head.next != null) {
                if (++steps % CLOCK_CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
                    record(entry);
                    return CheckResult.Verdict.TIMED_OUT;
                }
                if (entry.call) {
                    S next = apply(entry.op);
                    if (next != null) {
                        BitSet after = (BitSet) linearized.clone();
                        after.set(entry.bit);
                        if (explored.add(new Explored(after, next))) {
                            stack.push(new Frame<>(entry, state));
                            state = next;
                            linearized.set(entry.bit);
                            lift(entry);
                            entry = head.next;
                            continue;
                        }
                    }
                    entry = entry.next;
                } else {
                    // A return whose call is not linearized yet: every order tried so far is a dead end here.
                    if (stack.size() > deepest) {
                        record(entry);
                    }
                    if (stack.isEmpty()) {
                        return CheckResult.Verdict.NOT_LINEARIZABLE;
                    }
                    Frame<S, I, O> top = stack.pop();
                    state = top.stateBefore();
                    linearized.clear(top.call().bit);
                    unlift(top.call());
                    entry = top.call().next;
                }
            }
            return CheckResult.Verdict.LINEARIZABLE;
        }

        private S apply(Operation<I, O> op) {
            if (op.outcome() == Outcome.UNKNOWN) {
                return Objects.requireNonNull(model.stepUnknown(state, op.input()), "stepUnknown returned null");
            }
            return model.step(state, op.input(), op.output()).orElse(null);
        }

        /** Notes the deepest point reached, for the report. */
        private void record(Event<I, O> at) {
            deepest = stack.size();
            List<Operation<?, ?>> last = new ArrayList<>();
            for (Frame<S, I, O> f : stack) { // The stack iterates newest first.
                if (last.size() == REPORTED_OPERATIONS) {
                    break;
                }
                last.add(0, f.call().op);
            }
            List<Operation<?, ?>> open = new ArrayList<>();
            for (Event<I, O> e = head.next; e != null && e != at && open.size() < REPORTED_OPERATIONS; e = e.next) {
                if (e.call) {
                    open.add(e.op);
                }
            }
            Optional<Operation<?, ?>> blocking = at == null || at.call ? Optional.empty() : Optional.of(at.op);
            violation = new CheckResult.Violation(partition, stack.size(), ops.size(), state, List.copyOf(last),
                    blocking, List.copyOf(open));
        }

        CheckResult.Violation violation() {
            return violation;
        }

        private static <I, O> void lift(Event<I, O> call) {
            call.prev.next = call.next;
            call.next.prev = call.prev;
            Event<I, O> ret = call.match;
            ret.prev.next = ret.next;
            if (ret.next != null) {
                ret.next.prev = ret.prev;
            }
        }

        private static <I, O> void unlift(Event<I, O> call) {
            Event<I, O> ret = call.match;
            ret.prev.next = ret;
            if (ret.next != null) {
                ret.next.prev = ret;
            }
            call.prev.next = call;
            call.next.prev = call;
        }
    }
}
