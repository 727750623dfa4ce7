package io.graft.bench.load;

import java.time.Duration;

/**
 * The line protocol between the load generator and a child member ({@link ChildMemberMain}): the parent
 * writes one request per line on the child's standard input; the child answers each with one line on its
 * standard output that starts with {@link #REPLY_PREFIX} (anything else a child prints, such as a JVM
 * warning, is passed on to the parent's log). A child exits when its standard input ends, so it never
 * outlives a load generator that was killed.
 */
final class ChildProtocol {
    /** Starts every reply line. */
    static final String REPLY_PREFIX = "graft-bench-child ";
    /** Sent once, unasked, when the member has started. */
    static final String READY = "ready";
    /** Asks for the member's {@link AppliedState}; answered by {@link #state}. */
    static final String STATE = "state";
    /** Asks for the process's {@link ChildUsage}; answered by {@link #usage}. */
    static final String USAGE = "usage";
    /** {@code transfer <id>}: asks the member, if it leads, to hand leadership to member {@code id}. */
    static final String TRANSFER = "transfer";
    /** Asks the child to close its member and exit; answered by {@link #BYE} just before it does. */
    static final String EXIT = "exit";
    /** The answer to {@link #EXIT}. */
    static final String BYE = "bye";
    /** Starts a successful answer to a request without data. */
    static final String OK = "ok";
    /** Starts a refusal: {@code error <why>}. */
    static final String ERROR = "error";

    private ChildProtocol() {
    }

    /**
     * How long a child waits for the outcome of a {@link #TRANSFER} (the transfer itself gives up after about
     * an election timeout); the parent waits this long plus its usual reply timeout.
     */
    static Duration transferWait(Duration electionTimeout) {
        return electionTimeout.multipliedBy(4).plusSeconds(1);
    }

    /** The reply carrying {@code s}. */
    static String state(AppliedState s) {
        return STATE + " " + s.count() + " " + s.lastSequence() + " " + s.fingerprintSum() + " " + s.outOfOrder()
                + " " + s.lastIndex();
    }

    /** The {@link AppliedState} in a {@link #state} reply. */
    static AppliedState parseState(String reply) {
        long[] v = numbers(reply, STATE, 5);
        return new AppliedState(v[0], v[1], v[2], v[3], v[4]);
    }

    /** The reply carrying {@code u}. */
    static String usage(ChildUsage u) {
        return USAGE + " " + u.peakRssKib() + " " + u.cpuNanos();
    }

    /** The {@link ChildUsage} in a {@link #usage} reply. */
    static ChildUsage parseUsage(String reply) {
        long[] v = numbers(reply, USAGE, 2);
        return new ChildUsage(v[0], v[1]);
    }

    private static long[] numbers(String reply, String kind, int count) {
        String[] parts = reply.trim().split(" ");
        if (parts.length != count + 1 || !parts[0].equals(kind)) {
            throw new IllegalArgumentException("expected '" + kind + "' and " + count + " numbers, got '" + reply
                    + "'");
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = Long.parseLong(parts[i + 1]);
        }
        return values;
    }
}
