package io.graft.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.testkit.history.CheckResult.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final KvRegisterModel MODEL = new KvRegisterModel();

    private static CheckResult check(KvHistories h) {
        return LinearizabilityChecker.check(MODEL, h.build(), LIMIT);
    }

    @Test
    void sequentialPutThenGetIsLinearizable() {
        CheckResult r = check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .get(2, "k", 20, 30, "a"));
        assertThat(r.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(r.operationsChecked()).isEqualTo(2);
        assertThat(r.violation()).isEmpty();
    }

    @Test
    void staleReadAfterACompletedWriteIsNotLinearizable() {
        CheckResult r = check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .put(1, "k", "b", 20, 30, "a")
                .get(2, "k", 40, 50, "a"));
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        CheckResult.Violation v = r.violation().orElseThrow();
        assertThat(v.partition()).isEqualTo("k");
        assertThat(v.blocking()).map(op -> op.id()).contains(2);
        assertThat(r.report(0)).contains("NOT_LINEARIZABLE").contains("get(k) -> a").contains("state 'b'");
    }

    @Test
    void aReadOverlappingAWriteMaySeeEitherValue() {
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .put(1, "k", "b", 20, 60, "a")
                .get(2, "k", 30, 40, "b")
                .get(3, "k", 30, 50, "a")).verdict())
                .as("the read of a goes before the write of b, the read of b after it")
                .isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aReadThatEndedBeforeAnotherBeganCannotSeeANewerValue() {
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .put(1, "k", "b", 20, 60, "a")
                .get(2, "k", 25, 28, "b")
                .get(3, "k", 30, 35, "a")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void readsThatSeeAValueComeAndGoAreNotLinearizable() {
        // Two writes, then sequential reads seeing b, then a, then b again: a register cannot flip back.
        CheckResult r = check(new KvHistories()
                .put(1, "k", "a", 0, 100, null)
                .put(2, "k", "b", 0, 100, "a")
                .get(3, "k", 110, 120, "b")
                .get(3, "k", 130, 140, "a"));
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(r.violation().orElseThrow().blocking()).map(op -> op.id()).contains(3);
    }

    @Test
    void anUnknownWriteMayHaveTakenEffectLateOrNever() {
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .unknown(2, KvOp.put("k", "x"), 5)
                .get(3, "k", 20, 30, "a")
                .get(3, "k", 40, 50, "x")
                .get(3, "k", 60, 70, "x")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .unknown(2, KvOp.put("k", "x"), 5)
                .get(3, "k", 20, 30, "a")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void anUnknownWriteCannotTakeEffectBeforeItsInvocation() {
        assertThat(check(new KvHistories()
                .get(3, "k", 0, 10, "x")
                .unknown(2, KvOp.put("k", "x"), 20)).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void anUnknownWriteTakesEffectAtMostOnce() {
        assertThat(check(new KvHistories()
                .unknown(2, KvOp.put("k", "x"), 0)
                .get(3, "k", 10, 20, "x")
                .put(1, "k", "y", 30, 40, "x")
                .get(3, "k", 50, 60, "x")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aFailedWriteNeverTakesEffect() {
        CheckResult r = check(new KvHistories()
                .failed(2, KvOp.put("k", "x"), 0, 10)
                .get(3, "k", 20, 30, "x"));
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(r.operationsChecked()).isEqualTo(1);
    }

    @Test
    void unknownReadsAreLeftOut() {
        CheckResult r = check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .unknown(2, KvOp.get("k"), 20));
        assertThat(r.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(r.operationsChecked()).isEqualTo(1);
    }

    @Test
    void twoConcurrentCompareAndSetsCannotBothWin() {
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .ok(2, KvOp.cas("k", "a", "b"), 20, 40, true, "b")
                .ok(3, KvOp.cas("k", "a", "c"), 20, 40, true, "c")).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .ok(2, KvOp.cas("k", "a", "b"), 20, 40, true, "b")
                .ok(3, KvOp.cas("k", "a", "c"), 20, 40, false, "b")).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aPutMustReportThePreviousValue() {
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .put(2, "k", "b", 20, 30, null)).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void deleteAndCasToAbsentFollowTheMapSemantics() {
        assertThat(check(new KvHistories()
                .put(1, "k", "a", 0, 10, null)
                .ok(1, KvOp.delete("k"), 20, 30, true, "a")
                .ok(1, KvOp.delete("k"), 40, 50, false, null)
                .ok(2, KvOp.cas("k", null, "b"), 60, 70, true, "b")
                .ok(2, KvOp.cas("k", "b", null), 80, 90, true, null)
                .get(3, "k", 100, 110, null)).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void keysAreCheckedIndependentlyAndTheReportNamesTheBrokenKey() {
        CheckResult r = check(new KvHistories()
                .put(1, "a", "1", 0, 10, null)
                .get(2, "a", 20, 30, "1")
                .put(1, "b", "1", 0, 10, null)
                .get(2, "b", 20, 30, null));
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(r.partitions()).isEqualTo(2);
        assertThat(r.violation().orElseThrow().partition()).isEqualTo("b");
        assertThat(r.report(0)).contains("partition b").contains("get(b) -> null");
    }

    @Test
    void randomLinearizableHistoriesPassAndACorruptedReadFails() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<Operation<KvOp, KvOpResult>> history = RandomRegisterHistory.generate(random, 3, 200, 6);
            CheckResult r = LinearizabilityChecker.check(MODEL, history, LIMIT);
            assertThat(r.verdict()).as("round %d:%n%s", round, r.report(0)).isEqualTo(Verdict.LINEARIZABLE);

            List<Operation<KvOp, KvOpResult>> corrupted = RandomRegisterHistory.corruptOneRead(random, history);
            CheckResult bad = LinearizabilityChecker.check(MODEL, corrupted, LIMIT);
            assertThat(bad.verdict()).as("round %d corrupted", round).isEqualTo(Verdict.NOT_LINEARIZABLE);
        }
    }

    @Test
    void refutingManyConcurrentUnknownWritesStaysTractableThanksToMemoization() {
        // Without memoization the search tries all 10! orders of the writes (about 3.6e6) before giving up;
        // with it, each (subset, last value) pair once (about 5,000).
        KvHistories h = new KvHistories().put(0, "k", "v0", 0, 1, null);
        for (int i = 1; i <= 10; i++) {
            h.unknown(i, KvOp.put("k", "v" + i), 2);
        }
        h.get(100, "k", 10, 15, "never written");
        CheckResult r = LinearizabilityChecker.check(MODEL, h.build(), LIMIT);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aSearchThatRunsOutOfTimeSaysSo() {
        KvHistories h = new KvHistories();
        // Dozens of concurrent writes followed by a read of a value never written: refuting it means
        // exploring every subset of the writes, far more than a zero time limit allows.
        for (int i = 0; i < 40; i++) {
            h.unknown(i, KvOp.put("k", "v" + i), 0);
        }
        for (int i = 0; i < 500; i++) {
            h.get(100, "k", 10 + i, 11 + i, "v" + (i % 40));
        }
        CheckResult r = LinearizabilityChecker.check(MODEL, h.build(), Duration.ZERO);
        assertThat(r.verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(r.report(0)).contains("TIMED_OUT").contains("ran out of time");
    }

    /** Keeps the generated-history helper honest: its histories really overlap. */
    @Test
    void generatedHistoriesAreConcurrent() {
        List<Operation<KvOp, KvOpResult>> history = RandomRegisterHistory.generate(new Random(1), 1, 100, 5);
        List<Integer> overlapping = new ArrayList<>();
        for (Operation<KvOp, KvOpResult> a : history) {
            for (Operation<KvOp, KvOpResult> b : history) {
                if (a.id() < b.id() && a.invokedNanos() < b.completedNanos() && b.invokedNanos() < a.completedNanos()) {
                    overlapping.add(a.id());
                }
            }
        }
        assertThat(overlapping).hasSizeGreaterThan(50);
    }
}
