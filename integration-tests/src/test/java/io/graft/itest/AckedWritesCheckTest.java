package io.graft.itest;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.testkit.history.KvOp;
import io.graft.testkit.history.KvOpResult;
import io.graft.testkit.history.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckedWritesCheckTest {
    private static final long MS = 1_000_000;

    private static Operation<KvOp, KvOpResult> put(int id, String value, long from, long to) {
        return Operation.ok(id, id, KvOp.put("k", value), new KvOpResult(true, null), from * MS, to * MS);
    }

    @Test
    void theLastAcknowledgedWriteVisibleIsFine() {
        List<Operation<KvOp, KvOpResult>> h = List.of(put(0, "a", 0, 10), put(1, "b", 20, 30));
        assertThat(AckedWritesCheck.problems(h, Map.of("k", "b"), 0)).isEmpty();
    }

    @Test
    void aValueOverwrittenByALaterAcknowledgedWriteMeansThatWriteWasLost() {
        List<Operation<KvOp, KvOpResult>> h = List.of(put(0, "a", 0, 10), put(1, "b", 20, 30));
        assertThat(AckedWritesCheck.problems(h, Map.of("k", "a"), 0)).singleElement().asString()
                .contains("acknowledged write lost: #1").contains("put(k, b)");
    }

    @Test
    void concurrentWritesMayEndEitherWay() {
        List<Operation<KvOp, KvOpResult>> h = List.of(put(0, "a", 0, 30), put(1, "b", 10, 20));
        assertThat(AckedWritesCheck.problems(h, Map.of("k", "a"), 0)).isEmpty();
        assertThat(AckedWritesCheck.problems(h, Map.of("k", "b"), 0)).isEmpty();
    }

    @Test
    void anUnknownWriteMayBeTheFinalValue() {
        List<Operation<KvOp, KvOpResult>> h = List.of(put(0, "a", 0, 10),
                Operation.unknown(1, 1, KvOp.put("k", "x"), 5 * MS));
        assertThat(AckedWritesCheck.problems(h, Map.of("k", "x"), 0)).isEmpty();
    }

    @Test
    void aValueNobodyWroteOrAMissingKeyIsReported() {
        List<Operation<KvOp, KvOpResult>> h = List.of(put(0, "a", 0, 10),
                Operation.ok(1, 1, KvOp.cas("k", "zzz", "c"), new KvOpResult(false, "a"), 20 * MS, 30 * MS));
        assertThat(AckedWritesCheck.problems(h, Map.of("k", "c"), 0)).singleElement().asString()
                .contains("which no client wrote");
        java.util.HashMap<String, String> absent = new java.util.HashMap<>();
        absent.put("k", null);
        assertThat(AckedWritesCheck.problems(h, absent, 0)).singleElement().asString().contains("is absent at the end");
    }
}
