package io.graft.examples.demo;

import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Watches the members that survived a leader's crash until one of them leads in a newer term, printing each
 * change of role, term or known leader as it sees it, with the time since the crash. It polls every member's
 * {@link RaftNode#status()} every millisecond, so a state held for less than that may go unseen.
 */
final class ElectionWatch<C, R> {
    private static final Duration POLL = Duration.ofMillis(1);

    private final Collection<RaftNode<C, R>> survivors;
    private final Map<Integer, NodeStatus> lastSeen = new HashMap<>();

    private ElectionWatch(Collection<RaftNode<C, R>> survivors) {
        this.survivors = List.copyOf(survivors);
        for (RaftNode<C, R> node : this.survivors) {
            lastSeen.put(node.id(), node.status());
        }
    }

    /** Starts watching {@code survivors}, recording what they do now: call it before the crash. */
    static <C, R> ElectionWatch<C, R> of(Collection<RaftNode<C, R>> survivors) {
        return new ElectionWatch<>(survivors);
    }

    /**
     * The member elected after the crash.
     *
     * @param node the new leader
     * @param term the term it leads
     * @param afterCrash from the crash to the moment it was first seen leading
     */
    record Elected<C, R>(RaftNode<C, R> node, long term, Duration afterCrash) {
    }

    /**
     * Waits until one of the survivors leads in a term after {@code crashedTerm}.
     *
     * @param crashedAt the crash's {@link System#nanoTime()}
     * @throws TimeoutException if none does within {@code timeout} of the crash
     */
    Elected<C, R> awaitNewLeader(long crashedTerm, long crashedAt, Duration timeout, PrintStream out)
            throws TimeoutException {
        long deadline = crashedAt + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (RaftNode<C, R> node : survivors) {
                NodeStatus now = node.status();
                Duration since = Duration.ofNanos(System.nanoTime() - crashedAt);
                if (changed(lastSeen.put(node.id(), now), now)) {
                    out.printf("    +%4d ms  member %d %s%n", since.toMillis(), node.id(), describe(now));
                }
                if (now.isLeader() && now.term() > crashedTerm) {
                    return new Elected<>(node, now.term(), since);
                }
            }
            pause();
        }
        throw new TimeoutException("no member was elected within " + timeout.toSeconds() + " s of the crash");
    }

    private static boolean changed(NodeStatus before, NodeStatus now) {
        return before.role() != now.role() || before.term() != now.term() || before.leaderId() != now.leaderId();
    }

    /** What a member is doing, in words. */
    static String describe(NodeStatus s) {
        return switch (s.role()) {
            case FOLLOWER -> s.leaderId() > 0
                    ? "follows member " + s.leaderId() + " (term " + s.term() + ")"
                    : "is a follower without a leader (term " + s.term() + ")";
            case PRE_CANDIDATE -> "heard no leader for an election timeout: asks for pre-votes (still term "
                    + s.term() + ")";
            case CANDIDATE -> "won the pre-vote: campaigns for votes in term " + s.term();
            case LEADER -> "won the votes of a majority: leads term " + s.term();
        };
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the election", e);
        }
    }
}
