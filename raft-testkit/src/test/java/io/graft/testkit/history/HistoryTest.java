package io.graft.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void recordsOutcomesInInvocationOrderAndOpenOperationsAsUnknown() {
        AtomicLong clock = new AtomicLong(100);
        History<KvOp, KvOpResult> history = new History<>(clock::get);
        History.Pending<KvOp, KvOpResult> put = history.invoke(1, KvOp.put("k", "a"));
        clock.set(110);
        History.Pending<KvOp, KvOpResult> get = history.invoke(2, KvOp.get("k"));
        History.Pending<KvOp, KvOpResult> cas = history.invoke(3, KvOp.cas("k", "a", "b"));
        clock.set(120);
        put.ok(new KvOpResult(true, null));
        get.fail();

        List<Operation<KvOp, KvOpResult>> ops = history.operations();
        assertThat(ops).extracting(Operation::id).containsExactly(0, 1, 2);
        assertThat(ops.get(0)).isEqualTo(Operation.ok(0, 1, KvOp.put("k", "a"), new KvOpResult(true, null), 100, 120));
        assertThat(ops.get(1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ops.get(2).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(ops.get(2).completedNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(history.size()).isEqualTo(3);
        assertThat(cas.id()).isEqualTo(2);
    }

    @Test
    void anOperationCompletesOnlyOnce() {
        History<KvOp, KvOpResult> history = new History<>();
        History.Pending<KvOp, KvOpResult> op = history.invoke(1, KvOp.get("k"));
        op.unknown();
        assertThatThrownBy(() -> op.ok(new KvOpResult(false, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already completed as UNKNOWN");
    }

    @Test
    void describeShowsTimesRelativeToTheOrigin() {
        Operation<KvOp, KvOpResult> op = Operation.ok(7, 2, KvOp.get("k"), new KvOpResult(false, "v"),
                3_000_000, 5_500_000);
        assertThat(op.describe(1_000_000)).isEqualTo("#7 p2 [2.0..4.5 ms] get(k) -> v");
        assertThat(Operation.unknown(8, 2, KvOp.put("k", "x"), 1_000_000).describe(0))
                .isEqualTo("#8 p2 [1.0..? ms] put(k, x) -> unknown");
    }
}
