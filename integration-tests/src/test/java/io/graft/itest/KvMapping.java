package io.graft.itest;

import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.testkit.history.KvOp;
import io.graft.testkit.history.KvOpResult;

/** Translates between the KV example's commands and results and the checker's operations. */
final class KvMapping {
    private KvMapping() {
    }

    static KvCommand command(KvOp op) {
        switch (op.kind()) {
            case PUT:
                return KvCommand.put(op.key(), op.value());
            case GET:
                return KvCommand.get(op.key());
            case DELETE:
                return KvCommand.delete(op.key());
            default:
                return KvCommand.compareAndSet(op.key(), op.expected(), op.value());
        }
    }

    static KvOpResult result(KvResult r) {
        return new KvOpResult(r.changed(), r.valueOrNull());
    }
}
