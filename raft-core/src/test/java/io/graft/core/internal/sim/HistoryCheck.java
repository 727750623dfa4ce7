package io.graft.core.internal.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The end-of-run checks of what clients saw: every acknowledged operation is in the committed log, and each
 * register's history is linearizable (operations that definitely failed are left out; writes with an unknown
 * outcome may take effect any time after their call, or never; reads with an unknown outcome say nothing).
 */
final class HistoryCheck {
    private static final long LINEARIZABILITY_STEPS = 5_000_000;

    private HistoryCheck() {
    }

    /**
     * Runs the checks; throws an {@link AssertionError} on a violation.
     *
     * @return the weakest verdict over the registers: linearizable, or inconclusive if a search ran out of steps
     */
    static LinearizabilityChecker.Verdict check(History history, Invariants invariants, int keys, Trace trace) {
        for (History.Op op : history.ops()) {
            if (op.status == History.Status.OK && invariants.committedIndexOf(op.id) == null) {
                throw new AssertionError("acknowledged operation lost: " + op + " is not in the committed log");
            }
        }
        LinearizabilityChecker.Verdict weakest = LinearizabilityChecker.Verdict.LINEARIZABLE;
        for (int key = 0; key < keys; key++) {
            List<LinearizabilityChecker.Operation> ops = operationsOn(history, key);
            LinearizabilityChecker.Result r = LinearizabilityChecker.check(LinearizabilityChecker.REGISTER, ops,
                    LINEARIZABILITY_STEPS);
            trace.record(0, "linearizable", r.steps(), "key " + key + ": " + r.verdict() + " (" + ops.size() + " ops, "
                    + r.steps() + " steps)");
            if (r.verdict() == LinearizabilityChecker.Verdict.NOT_LINEARIZABLE) {
                throw new AssertionError("history of key " + key + " is not linearizable: " + r.explanation());
            }
            if (r.verdict() == LinearizabilityChecker.Verdict.INCONCLUSIVE) {
                weakest = r.verdict();
            }
        }
        return weakest;
    }

    private static List<LinearizabilityChecker.Operation> operationsOn(History history, int key) {
        List<LinearizabilityChecker.Operation> ops = new ArrayList<>();
        for (History.Op op : history.ops()) {
            if (op.key != key) {
                continue;
            }
            boolean write = op.kind == KvCommand.Kind.WRITE;
            if (op.status == History.Status.OK) {
                ops.add(new LinearizabilityChecker.Operation(op.id, op.invokedAt, op.completedAt, write,
                        write ? op.input : op.output));
            } else if (write && op.status != History.Status.FAIL) {
                ops.add(new LinearizabilityChecker.Operation(op.id, op.invokedAt, Long.MAX_VALUE, true, op.input));
            }
        }
        return ops;
    }
}
