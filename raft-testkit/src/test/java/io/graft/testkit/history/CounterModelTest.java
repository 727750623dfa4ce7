package io.graft.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.testkit.history.CheckResult.Verdict;
import io.graft.testkit.history.CounterModel.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counter model must catch what read tests rely on it to catch, or they prove nothing. */
class CounterModelTest {
    private final List<Operation<Op, Long>> ops = new ArrayList<>();

    private CounterModelTest op(int process, Op op, long start, long end, long value) {
        ops.add(Operation.ok(ops.size(), process, op, value, start, end));
        return this;
    }

    private CounterModelTest unknownIncrement(int process, long start) {
        ops.add(Operation.unknown(ops.size(), process, Op.INCREMENT, start));
        return this;
    }

    private Verdict verdict() {
        return LinearizabilityChecker.check(new CounterModel(), ops, Duration.ofSeconds(10)).verdict();
    }

    /** Two increments: 1 during [10, 20], 2 during [30, 40]. */
    private CounterModelTest twoIncrements() {
        return op(1, Op.INCREMENT, 10, 20, 1).op(1, Op.INCREMENT, 30, 40, 2);
    }

    @Test
    void acceptsReadsThatOverlapAnIncrementEitherWay() {
        assertThat(twoIncrements().op(2, Op.READ, 25, 35, 1).op(3, Op.READ, 26, 36, 2).op(2, Op.READ, 45, 50, 2)
                .verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void catchesAReadMissingAnIncrementThatCompletedBeforeIt() {
        assertThat(twoIncrements().op(2, Op.READ, 41, 42, 1).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void catchesAReadOfAnIncrementNotYetBegun() {
        assertThat(twoIncrements().op(2, Op.READ, 21, 22, 2).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void catchesReadsGoingBackInTime() {
        assertThat(twoIncrements().op(2, Op.READ, 31, 32, 2).op(3, Op.READ, 33, 34, 1).verdict())
                .isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void anIncrementOfUnknownOutcomeMayHaveTakenEffectOrNot() {
        assertThat(twoIncrements().unknownIncrement(3, 5).op(2, Op.READ, 45, 50, 3).verdict())
                .as("it took effect").isEqualTo(Verdict.LINEARIZABLE);
        ops.clear();
        assertThat(twoIncrements().unknownIncrement(3, 5).op(2, Op.READ, 45, 50, 2).verdict())
                .as("it did not (or not yet)").isEqualTo(Verdict.LINEARIZABLE);
        ops.clear();
        assertThat(twoIncrements().unknownIncrement(3, 5).op(2, Op.READ, 45, 50, 4).verdict())
                .as("one increment cannot count twice").isEqualTo(Verdict.NOT_LINEARIZABLE);
    }
}
