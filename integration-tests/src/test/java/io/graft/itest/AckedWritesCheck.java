package io.graft.itest;

import io.graft.testkit.history.KvOp;
import io.graft.testkit.history.KvOpResult;
import io.graft.testkit.history.Operation;
import io.graft.testkit.history.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that no acknowledged write was lost: for each key, the value read at the end was written by some client
 * (acknowledged or not), and no acknowledged write to that key began after that value's write had completed
 * (which would have overwritten it). Linearizability implies this; this check says it in plain words.
 * Written values must be unique, as {@link KvWorkload} makes them.
 */
final class AckedWritesCheck {
    private AckedWritesCheck() {
    }

    /** Each problem found, in words; empty when every acknowledged write is visible at the end. */
    static List<String> problems(List<Operation<KvOp, KvOpResult>> history, Map<String, String> finalValues,
                                 long originNanos) {
        List<String> problems = new ArrayList<>();
        finalValues.forEach((key, value) -> {
            List<Operation<KvOp, KvOpResult>> acked = new ArrayList<>();
            Operation<KvOp, KvOpResult> writer = null;
            for (Operation<KvOp, KvOpResult> op : history) {
                if (!op.input().key().equals(key) || !writes(op.input())) {
                    continue;
                }
                boolean ackedWrite = op.outcome() == Outcome.OK && op.output().changed();
                if (value != null && value.equals(op.input().value())
                        && (ackedWrite || op.outcome() == Outcome.UNKNOWN)) {
                    writer = op;
                }
                if (ackedWrite) {
                    acked.add(op);
                }
            }
            if (value == null) {
                if (!acked.isEmpty()) {
                    problems.add("key " + key + " is absent at the end, yet " + acked.size() + " write(s) to it were"
                            + " acknowledged, the last invoked: " + acked.get(acked.size() - 1).describe(originNanos));
                }
                return;
            }
            if (writer == null) {
                problems.add("key " + key + " ends as '" + value + "', which no client wrote");
                return;
            }
            for (Operation<KvOp, KvOpResult> w : acked) {
                if (w != writer && writer.completedNanos() < w.invokedNanos()) {
                    problems.add("acknowledged write lost: " + w.describe(originNanos) + "; key " + key + " ends as '"
                            + value + "', written by " + writer.describe(originNanos) + ", which completed before the"
                            + " lost write began");
                }
            }
        });
        return problems;
    }

    private static boolean writes(KvOp op) {
        return op.kind() == KvOp.Kind.PUT || op.kind() == KvOp.Kind.CAS;
    }
}
