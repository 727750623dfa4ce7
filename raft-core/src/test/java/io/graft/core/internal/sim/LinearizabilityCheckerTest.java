package io.graft.core.internal.sim;

import static io.graft.core.internal.sim.LinearizabilityChecker.Verdict.INCONCLUSIVE;
import static io.graft.core.internal.sim.LinearizabilityChecker.Verdict.LINEARIZABLE;
import static io.graft.core.internal.sim.LinearizabilityChecker.Verdict.NOT_LINEARIZABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.sim.LinearizabilityChecker.Operation;
import io.graft.core.internal.sim.LinearizabilityChecker.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The linearizability checker on small hand-made register histories, and on generated ones. */
class LinearizabilityCheckerTest {
    private static final long UNKNOWN = Long.MAX_VALUE;
    private long ids;

    private Operation write(long value, long call, long ret) {
        return new Operation(++ids, call, ret, true, value);
    }

    private Operation read(long value, long call, long ret) {
        return new Operation(++ids, call, ret, false, value);
    }

    private static Verdict check(Operation... ops) {
        return LinearizabilityChecker.check(LinearizabilityChecker.REGISTER, List.of(ops), 1_000_000).verdict();
    }

    @Test
    void sequentialReadSeesTheLastWrite() {
        assertThat(check(write(1, 1, 2), read(1, 3, 4))).isEqualTo(LINEARIZABLE);
        assertThat(check(read(0, 1, 2), write(1, 3, 4), write(2, 5, 6), read(2, 7, 8))).isEqualTo(LINEARIZABLE);
    }

    @Test
    void staleReadAfterACompletedWriteIsNotLinearizable() {
        assertThat(check(write(1, 1, 2), read(0, 3, 4))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        assertThat(check(write(1, 1, 4), read(0, 2, 3))).isEqualTo(LINEARIZABLE);
        ids = 0;
        assertThat(check(write(1, 1, 4), read(1, 2, 3))).isEqualTo(LINEARIZABLE);
    }

    @Test
    void onceANewValueIsSeenNoLaterReadSeesTheOldOne() {
        assertThat(check(write(1, 1, 10), read(1, 2, 3), read(0, 4, 5))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void readsMustAgreeOnTheOrderOfConcurrentWrites() {
        assertThat(check(write(1, 1, 5), write(2, 2, 6), read(2, 7, 8), read(2, 9, 10))).isEqualTo(LINEARIZABLE);
        assertThat(check(write(1, 1, 5), write(2, 2, 6), read(2, 7, 8), read(1, 9, 10))).isEqualTo(NOT_LINEARIZABLE);
        // Concurrent readers can disagree only while the writes are still running.
        assertThat(check(write(1, 1, 20), write(2, 2, 20), read(1, 3, 4), read(2, 5, 6), read(1, 7, 8)))
                .isEqualTo(NOT_LINEARIZABLE);
        assertThat(check(write(1, 1, 20), write(2, 2, 20), read(2, 3, 4), read(1, 5, 6))).isEqualTo(LINEARIZABLE);
    }

    @Test
    void aValueNobodyWroteIsNotLinearizable() {
        assertThat(check(write(1, 1, 2), read(7, 3, 4))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void aWriteWithUnknownOutcomeMayTakeEffectLateOrNever() {
        assertThat(check(write(1, 1, UNKNOWN), read(0, 5, 6))).isEqualTo(LINEARIZABLE);
        ids = 0;
        assertThat(check(write(1, 1, UNKNOWN), read(1, 5, 6))).isEqualTo(LINEARIZABLE);
        ids = 0;
        assertThat(check(write(1, 1, UNKNOWN), read(0, 5, 6), read(1, 7, 8))).isEqualTo(LINEARIZABLE);
        ids = 0;
        assertThat(check(write(1, 1, UNKNOWN), read(1, 5, 6), read(0, 7, 8))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void anUnknownWriteCannotTakeEffectBeforeItWasInvoked() {
        assertThat(check(read(1, 1, 2), write(1, 3, UNKNOWN))).isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void aViolationNamesTheOperationsInvolved() {
        LinearizabilityChecker.Result r = LinearizabilityChecker.check(LinearizabilityChecker.REGISTER,
                List.of(write(5, 1, 2), read(0, 3, 4)), 1000);
        assertThat(r.verdict()).isEqualTo(NOT_LINEARIZABLE);
        assertThat(r.explanation()).contains("write(5)").contains("read() -> 0");
    }

    @Test
    void theStepBoundGivesAnInconclusiveVerdictNotAFalseAlarm() {
        List<Operation> ops = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            ops.add(write(i, i, UNKNOWN));
        }
        ops.add(read(99, 100, 101));
        assertThat(LinearizabilityChecker.check(LinearizabilityChecker.REGISTER, ops, 50).verdict())
                .isEqualTo(INCONCLUSIVE);
        assertThat(LinearizabilityChecker.check(LinearizabilityChecker.REGISTER, ops, 10_000_000).verdict())
                .isEqualTo(NOT_LINEARIZABLE);
    }

    @Test
    void generatedHistoriesAreLinearizableAndBreakWhenOneReadLies() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<Operation> ops = linearizableHistory(r, 60);
            assertThat(LinearizabilityChecker.check(LinearizabilityChecker.REGISTER, ops, 5_000_000).verdict())
                    .as("seed %d", seed).isEqualTo(LINEARIZABLE);
            List<Operation> broken = new ArrayList<>(ops);
            for (int i = 0; i < broken.size(); i++) {
                Operation op = broken.get(i);
                if (!op.write()) {
                    broken.set(i, new Operation(op.id(), op.call(), op.ret(), false, 1_000_000 + op.value()));
                    break;
                }
            }
            if (!broken.equals(ops)) {
                assertThat(LinearizabilityChecker.check(LinearizabilityChecker.REGISTER, broken, 5_000_000).verdict())
                        .as("seed %d with a read of a value never written", seed).isEqualTo(NOT_LINEARIZABLE);
            }
        }
    }

    /**
     * Ops that take effect one at a time at points 10, 20, 30...; each gets a random interval around its
     * point (so they overlap), some writes never return. Linearizable by construction.
     */
    private static List<Operation> linearizableHistory(SplittableRandom r, int count) {
        List<Operation> ops = new ArrayList<>();
        long value = 0;
        for (int i = 1; i <= count; i++) {
            long point = 10L * i;
            long call = point - 1 - r.nextInt(40);
            long ret = point + 1 + r.nextInt(40);
            if (r.nextBoolean()) {
                value = i;
                ops.add(new Operation(i, Math.max(0, call), r.nextInt(10) == 0 ? UNKNOWN : ret, true, value));
            } else {
                ops.add(new Operation(i, Math.max(0, call), ret, false, value));
            }
        }
        return ops;
    }
}
