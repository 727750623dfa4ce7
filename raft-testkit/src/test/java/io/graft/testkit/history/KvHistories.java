package io.graft.testkit.history;

import java.util.ArrayList;
import java.util.List;

/** Builds small hand-made key-value histories, with times in milliseconds. */
final class KvHistories {
    private final List<Operation<KvOp, KvOpResult>> ops = new ArrayList<>();

    KvHistories ok(int process, KvOp op, long from, long to, boolean changed, String value) {
        ops.add(Operation.ok(ops.size(), process, op, new KvOpResult(changed, value), from * 1_000_000,
                to * 1_000_000));
        return this;
    }

    /** A put that answered (previous value {@code previous}). */
    KvHistories put(int process, String key, String value, long from, long to, String previous) {
        return ok(process, KvOp.put(key, value), from, to, true, previous);
    }

    KvHistories get(int process, String key, long from, long to, String seen) {
        return ok(process, KvOp.get(key), from, to, false, seen);
    }

    KvHistories unknown(int process, KvOp op, long from) {
        ops.add(Operation.unknown(ops.size(), process, op, from * 1_000_000));
        return this;
    }

    KvHistories failed(int process, KvOp op, long from, long to) {
        ops.add(Operation.failed(ops.size(), process, op, from * 1_000_000, to * 1_000_000));
        return this;
    }

    List<Operation<KvOp, KvOpResult>> build() {
        return List.copyOf(ops);
    }
}
