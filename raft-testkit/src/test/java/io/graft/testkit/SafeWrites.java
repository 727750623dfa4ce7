package io.graft.testkit;

import io.graft.api.NotCommittedException;
import io.graft.api.NotLeaderException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes as a careful client does: at the current leader, retrying a command only after an error that
 * guarantees it was not applied, so that every command is applied at most once whatever leadership does.
 */
final class SafeWrites {
    private static final long ATTEMPT_TIMEOUT_MILLIS = 5_000;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);

    private SafeWrites() {
    }

    /**
     * Submits {@code command} until it is acknowledged (true) or its outcome is unknown (false: the leader
     * crashed or lost leadership first, or 20 s passed). Counts retries in {@code retries[0]} if given.
     */
    static <C> boolean untilKnown(TestCluster<C, ?> cluster, C command, int[] retries) {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (System.nanoTime() < deadline) {
            Optional<? extends RaftNode<C, ?>> leader = cluster.leader();
            if (leader.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // Polling for a leader.
                continue;
            }
            try {
                leader.get().submit(command).get(ATTEMPT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!(cause instanceof NotLeaderException || cause instanceof NotCommittedException
                        || cause instanceof OverloadedException)) {
                    return false; // It may or may not be applied: never retry blindly.
                }
                if (retries != null) {
                    retries[0]++;
                }
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Writes {@code command}, and if its outcome is unknown, {@code command#1}, {@code command#2}... until one
     * is acknowledged (a leader may step down under load at any time); returns the acknowledged one.
     *
     * @throws AssertionError if none is acknowledged within 10 attempts
     */
    static String oneAcknowledged(TestCluster<String, ?> cluster, String command) {
        for (int attempt = 0; attempt < 10; attempt++) {
            String c = attempt == 0 ? command : command + "#" + attempt;
            if (untilKnown(cluster, c, null)) {
                return c;
            }
        }
        throw new AssertionError("no attempt to write " + command + " was acknowledged; state: " + cluster.describe());
    }

    /** Writes {@code prefix0 .. prefix<count-1>} one at a time; returns the acknowledged ones, in order. */
    static List<String> words(TestCluster<String, ?> cluster, String prefix, int count) {
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (untilKnown(cluster, prefix + i, null)) {
                acknowledged.add(prefix + i);
            }
        }
        return acknowledged;
    }
}
