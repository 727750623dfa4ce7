package io.graft.core.internal.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the clients saw: every operation's invocation and completion, in real (simulated) time order. The
 * timestamps are a counter bumped at each invocation and completion, so "A completed before B was invoked"
 * is exact even when both happen in the same microsecond.
 */
final class History {

    /** How an operation ended, as its client knows it. */
    enum Status {
        /** Not completed yet. */
        PENDING,
        /** Done; the output is the value read or written. */
        OK,
        /** Definitely did not take effect (not leader: nothing was appended; or the entry was overwritten). */
        FAIL,
        /** May or may not have taken effect (leadership lost, member crashed, timed out). */
        UNKNOWN
    }

    /** One client operation on one register. */
    static final class Op {
        final long id;
        final int client;
        final KvCommand.Kind kind;
        final int key;
        /** A write's value (its own id). */
        final long input;
        final long invokedAt;
        long completedAt = Long.MAX_VALUE;
        Status status = Status.PENDING;
        long output;
        String note = "";

        Op(long id, int client, KvCommand.Kind kind, int key, long input, long invokedAt) {
            this.id = id;
            this.client = client;
            this.kind = kind;
            this.key = key;
            this.input = input;
            this.invokedAt = invokedAt;
        }

        KvCommand command() {
            return new KvCommand(kind, id, key, input);
        }

        @Override
        public String toString() {
            String what = kind == KvCommand.Kind.WRITE ? "write(k" + key + ", " + input + ")"
                    : "read(k" + key + ")" + (status == Status.OK ? " -> " + output : "");
            return "op " + id + " client " + client + " " + what + " [" + invokedAt + ", "
                    + (completedAt == Long.MAX_VALUE ? "..." : completedAt) + "] " + status
                    + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private final Map<Long, Op> byId = new HashMap<>();
    private long clock;
    private long nextId = 1;

    Op invoke(int client, KvCommand.Kind kind, int key) {
        long id = nextId++;
        Op op = new Op(id, client, kind, key, kind == KvCommand.Kind.WRITE ? id : 0, ++clock);
        ops.add(op);
        byId.put(id, op);
        return op;
    }

    /** Completes {@code op} (once; later completions are ignored). Returns whether this one counted. */
    boolean complete(Op op, Status status, long output, String note) {
        if (op.status != Status.PENDING) {
            return false;
        }
        op.status = status;
        op.output = output;
        op.note = note;
        op.completedAt = ++clock;
        return true;
    }

    Op get(long id) {
        return byId.get(id);
    }

    List<Op> ops() {
        return ops;
    }

    long count(Status s) {
        return ops.stream().filter(o -> o.status == s).count();
    }
}
