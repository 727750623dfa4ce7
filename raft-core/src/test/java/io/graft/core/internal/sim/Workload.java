package io.graft.core.internal.sim;

import java.util.SplittableRandom;

/**
 * Simulated clients: each runs one operation at a time (a write of a fresh value, or a read through the log)
 * against the member it believes leads. A "not leader" answer fails the operation (nothing was appended) and
 * the client retries at once with a fresh operation at the member named as leader; an operation that gets
 * no answer in time has an unknown outcome. Everything is recorded in the {@link History}.
 */
final class Workload {

    /** What a member answered. */
    record Outcome(History.Status status, long output, int leaderHint, String note) {
        static Outcome ok(long output) {
            return new Outcome(History.Status.OK, output, 0, "");
        }

        static Outcome notLeader(int hint) {
            return new Outcome(History.Status.FAIL, 0, hint, "not leader");
        }

        static Outcome failed(String why) {
            return new Outcome(History.Status.FAIL, 0, 0, why);
        }

        static Outcome unknown(String why) {
            return new Outcome(History.Status.UNKNOWN, 0, 0, why);
        }
    }

    /** How clients reach the cluster. */
    interface Cluster {
        /** Sends {@code op} from {@code client} to member {@code member}; the answer comes to {@link #onReply}. */
        void request(int member, int client, History.Op op);

        /** Called when a client learns an outcome the invariants must know about. */
        void reported(History.Op op);
    }

    private final EventQueue clock;
    private final SplittableRandom random;
    private final History history;
    private final Trace trace;
    private final Cluster cluster;
    private final int members;
    private final int keys;
    private final long timeoutMicros;
    private final long thinkMicros;
    private final int[] target;
    private final History.Op[] current;
    private boolean stopped;

    Workload(EventQueue clock, SplittableRandom random, History history, Trace trace, Cluster cluster, int clients,
             int members, int keys, long timeoutMicros, long thinkMicros) {
        this.clock = clock;
        this.random = random;
        this.history = history;
        this.trace = trace;
        this.cluster = cluster;
        this.members = members;
        this.keys = keys;
        this.timeoutMicros = timeoutMicros;
        this.thinkMicros = thinkMicros;
        this.target = new int[clients];
        this.current = new History.Op[clients];
        for (int c = 0; c < clients; c++) {
            target[c] = 1 + random.nextInt(members);
        }
    }

    void start() {
        for (int c = 0; c < target.length; c++) {
            int client = c;
            clock.after(random.nextLong(thinkMicros + 1), () -> issue(client));
        }
    }

    /** No new operations from now on; the running ones finish or time out. */
    void stop() {
        stopped = true;
    }

    /** Whether every client is done with its operation. */
    boolean idle() {
        for (History.Op op : current) {
            if (op != null && op.status == History.Status.PENDING) {
                return false;
            }
        }
        return true;
    }

    private void issue(int client) {
        if (stopped) {
            return;
        }
        KvCommand.Kind kind = random.nextBoolean() ? KvCommand.Kind.WRITE : KvCommand.Kind.READ;
        History.Op op = history.invoke(client, kind, random.nextInt(keys));
        current[client] = op;
        trace.record(0, "invoke", op.id, op);
        cluster.request(target[client], client, op);
        clock.after(timeoutMicros, () -> {
            if (history.complete(op, History.Status.UNKNOWN, 0, "timed out at member " + target[client])) {
                trace.record(0, "timeout", op.id, op);
                target[client] = 1 + random.nextInt(members);
                next(client);
            }
        });
    }

    /** A member's answer to {@code client}'s operation {@code opId} arrives. */
    void onReply(int client, long opId, Outcome outcome) {
        History.Op op = history.get(opId);
        if (!history.complete(op, outcome.status(), outcome.output(), outcome.note())) {
            return; // Timed out already: the client stopped waiting.
        }
        trace.record(0, "complete", op.id * 31 + outcome.status().ordinal(), op);
        cluster.reported(op);
        if (outcome.leaderHint() > 0) {
            target[client] = outcome.leaderHint();
        } else if (outcome.status() != History.Status.OK) {
            target[client] = 1 + random.nextInt(members);
        }
        if ("not leader".equals(outcome.note())) {
            // Retry at once with a fresh operation; back off a little when nobody is known to lead.
            clock.after(outcome.leaderHint() > 0 ? 0 : thinkMicros, () -> issue(client));
        } else {
            next(client);
        }
    }

    private void next(int client) {
        clock.after(random.nextLong(thinkMicros + 1), () -> issue(client));
    }
}
