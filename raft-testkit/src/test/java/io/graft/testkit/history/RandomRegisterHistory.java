package io.graft.testkit.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction: each operation gets a linearization point inside
 * its interval, outputs come from running the operations in the order of those points, and some writes are
 * recorded as unknown (taking effect, or not).
 */
final class RandomRegisterHistory {
    private RandomRegisterHistory() {
    }

    private record Planned(int process, KvOp op, long invoked, long point, long completed, boolean unknown,
                           boolean takesEffect) {
    }

    static List<Operation<KvOp, KvOpResult>> generate(Random random, int keys, int count, int processes) {
        long[] free = new long[processes];
        List<Planned> plan = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int p = random.nextInt(processes);
            long invoked = free[p] + random.nextInt(5);
            long duration = 1 + random.nextInt(40);
            long point = invoked + random.nextInt((int) duration + 1);
            long completed = invoked + duration;
            free[p] = completed + 1;
            String key = "k" + random.nextInt(keys);
            KvOp op = randomOp(random, key, "v" + i, written);
            if (op.value() != null) {
                written.add(op.value());
            }
            boolean unknown = op.kind() != KvOp.Kind.GET && random.nextInt(10) == 0;
            plan.add(new Planned(p, op, invoked, point, completed, unknown, !unknown || random.nextBoolean()));
        }
        Map<Planned, KvOpResult> outputs = new HashMap<>();
        Map<String, KvRegisterModel.Register> state = new HashMap<>();
        KvRegisterModel model = new KvRegisterModel();
        List<Planned> byPoint = new ArrayList<>(plan);
        byPoint.sort(Comparator.comparingLong(Planned::point));
        for (Planned p : byPoint) {
            if (!p.takesEffect()) {
                continue;
            }
            KvRegisterModel.Register before = state.getOrDefault(p.op().key(), KvRegisterModel.Register.ABSENT);
            KvRegisterModel.Register after = model.stepUnknown(before, p.op());
            outputs.put(p, output(p.op(), before, after));
            state.put(p.op().key(), after);
        }
        List<Operation<KvOp, KvOpResult>> history = new ArrayList<>();
        plan.sort(Comparator.comparingLong(Planned::invoked));
        for (Planned p : plan) {
            int id = history.size();
            history.add(p.unknown()
                    ? Operation.unknown(id, p.process(), p.op(), p.invoked() * 1000)
                    : Operation.ok(id, p.process(), p.op(), outputs.get(p), p.invoked() * 1000, p.completed() * 1000));
        }
        return history;
    }

    private static KvOp randomOp(Random random, String key, String fresh, List<String> written) {
        int dice = random.nextInt(10);
        if (dice < 3) {
            return KvOp.put(key, fresh);
        }
        if (dice < 7) {
            return KvOp.get(key);
        }
        if (dice < 9) {
            String expected = written.isEmpty() || random.nextInt(5) == 0 ? null
                    : written.get(written.size() - 1 - random.nextInt(Math.min(4, written.size())));
            return KvOp.cas(key, expected, fresh);
        }
        return KvOp.delete(key);
    }

    private static KvOpResult output(KvOp op, KvRegisterModel.Register before, KvRegisterModel.Register after) {
        switch (op.kind()) {
            case PUT:
                return new KvOpResult(true, before.value());
            case GET:
                return new KvOpResult(false, before.value());
            case DELETE:
                return new KvOpResult(before.value() != null, before.value());
            default:
                boolean swapped = java.util.Objects.equals(before.value(), op.expected());
                return new KvOpResult(swapped, after.value());
        }
    }

    /** The same history with one successful read changed to see a value nobody wrote. */
    static List<Operation<KvOp, KvOpResult>> corruptOneRead(Random random, List<Operation<KvOp, KvOpResult>> history) {
        List<Integer> reads = new ArrayList<>();
        for (Operation<KvOp, KvOpResult> op : history) {
            if (op.outcome() == Outcome.OK && op.input().kind() == KvOp.Kind.GET) {
                reads.add(op.id());
            }
        }
        int victim = reads.get(random.nextInt(reads.size()));
        List<Operation<KvOp, KvOpResult>> corrupted = new ArrayList<>(history);
        Operation<KvOp, KvOpResult> op = history.get(victim);
        corrupted.set(victim, Operation.ok(op.id(), op.process(), op.input(), new KvOpResult(false, "never written"),
                op.invokedNanos(), op.completedNanos()));
        return corrupted;
    }
}
