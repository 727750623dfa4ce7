package io.graft.core.internal.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a concurrent history is linearizable against a sequential model: Wing and Gong's search with
 * Lowe's memoization, as Porcupine does it. Operations become call and return events on a linked list in
 * time order; the search linearizes a call whose operation the model accepts in the current state, lifting it
 * out of the list, and backtracks when it reaches a return whose call it could not place first. Visited
 * (linearized set, model state) pairs are remembered, so that equivalent orders are explored once.
 *
 * <p>An operation whose outcome is unknown has its return at infinity: it may take effect at any point after
 * its call, or never (linearizing it last is the same as never, for a register). The search is bounded by a
 * number of steps; past it the verdict is {@link Verdict#INCONCLUSIVE}, never a false alarm.
 */
final class LinearizabilityChecker {

    /** The outcome of a check. */
    enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, INCONCLUSIVE }

    /**
     * @param verdict the outcome
     * @param steps how many search steps it took
     * @param explanation for a violation, the operations involved
     */
    record Result(Verdict verdict, long steps, String explanation) {
    }

    /**
     * One operation of the history.
     *
     * @param id unique within the history
     * @param call when it was invoked
     * @param ret when it returned, or {@link Long#MAX_VALUE} if its outcome is unknown
     * @param write whether it writes {@code value}; otherwise it read {@code value}
     * @param value the value written or read
     */
    record Operation(long id, long call, long ret, boolean write, long value) {
        @Override
        public String toString() {
            return (write ? "write(" + value + ")" : "read() -> " + value) + " [" + call + ", "
                    + (ret == Long.MAX_VALUE ? "unknown" : ret) + "] #" + id;
        }
    }

    /** A sequential specification whose whole state fits in a long. */
    interface Model {
        long initialState();

        /** Whether {@code op} can happen in {@code state}. */
        boolean accepts(long state, Operation op);

        /** The state after {@code op}, which {@link #accepts} allowed. */
        long next(long state, Operation op);
    }

    /** A register holding a long, 0 until first written. */
    static final Model REGISTER = new Model() {
        @Override
        public long initialState() {
            return 0;
        }

        @Override
        public boolean accepts(long state, Operation op) {
            return op.write() || op.value() == state;
        }

        @Override
        public long next(long state, Operation op) {
            return op.write() ? op.value() : state;
        }
    };

    private static final class Node {
        final Operation op;
        final int slot;
        final boolean isCall;
        final long time;
        Node match;
        Node prev;
        Node next;

        Node(Operation op, int slot, boolean isCall, long time) {
            this.op = op;
            this.slot = slot;
            this.isCall = isCall;
            this.time = time;
        }
    }

    private record Visited(long[] linearized, long state) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Visited v && v.state == state && Arrays.equals(v.linearized, linearized);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(linearized) * 31 + Long.hashCode(state);
        }
    }

    private record Frame(Node call, long stateBefore) {
    }

    private LinearizabilityChecker() {
    }

    /** Checks {@code history} against {@code model}, giving up after {@code maxSteps} search steps. */
    static Result check(Model model, List<Operation> history, long maxSteps) {
        if (history.isEmpty()) {
            return new Result(Verdict.LINEARIZABLE, 0, "");
        }
        Node head = buildList(history);
        BitSet linearized = new BitSet(history.size());
        Set<Visited> visited = new HashSet<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        long state = model.initialState();
        long steps = 0;
        int deepest = 0;
        Node stuckAt = null;
        Node entry = head.next;
        while (head.next != null) {
            if (++steps > maxSteps) {
                return new Result(Verdict.INCONCLUSIVE, steps, "gave up after " + maxSteps + " steps");
            }
            if (entry.isCall) {
                if (model.accepts(state, entry.op)) {
                    long after = model.next(state, entry.op);
                    linearized.set(entry.slot);
                    if (visited.add(new Visited(linearized.toLongArray(), after))) {
                        stack.push(new Frame(entry, state));
                        state = after;
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                    linearized.clear(entry.slot);
                }
                entry = entry.next;
            } else {
                if (stack.size() >= deepest) {
                    deepest = stack.size();
                    stuckAt = entry;
                }
                if (stack.isEmpty()) {
                    return new Result(Verdict.NOT_LINEARIZABLE, steps, explain(history, stuckAt, deepest));
                }
                Frame top = stack.pop();
                state = top.stateBefore;
                linearized.clear(top.call.slot);
                unlift(top.call);
                entry = top.call.next;
            }
        }
        return new Result(Verdict.LINEARIZABLE, steps, "");
    }

    private static Node buildList(List<Operation> history) {
        List<Node> events = new ArrayList<>(2 * history.size());
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            if (op.ret() < op.call()) {
                throw new IllegalArgumentException("operation returns before it is called: " + op);
            }
            Node call = new Node(op, i, true, op.call());
            Node ret = new Node(op, i, false, op.ret());
            call.match = ret;
            events.add(call);
            events.add(ret);
        }
        // Time order; at equal times calls first, so that touching operations count as concurrent.
        events.sort(Comparator.<Node>comparingLong(n -> n.time).thenComparing(n -> !n.isCall));
        Node head = new Node(null, -1, false, Long.MIN_VALUE);
        Node last = head;
        for (Node n : events) {
            last.next = n;
            n.prev = last;
            last = n;
        }
        return head;
    }

    /** Takes a call and its return out of the list. */
    private static void lift(Node call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Node ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    /** Puts them back, in the reverse order. */
    private static void unlift(Node call) {
        Node ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }

    private static String explain(List<Operation> history, Node stuckAt, int deepest) {
        StringBuilder sb = new StringBuilder("no linearization gets past " + deepest + " operations; ");
        if (stuckAt != null) {
            Operation blocked = stuckAt.op;
            sb.append("nothing can precede the return of ").append(blocked).append(". Operations around it:\n");
            List<Operation> sorted = new ArrayList<>(history);
            sorted.sort(Comparator.comparingLong(Operation::call));
            for (Operation op : sorted) {
                boolean overlaps = op.call() <= blocked.ret() && op.ret() >= blocked.call() - 50;
                if (overlaps) {
                    sb.append("    ").append(op).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
