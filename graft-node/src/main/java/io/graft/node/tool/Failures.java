package io.graft.node.tool;

import io.graft.api.LeadershipTransferException;
import io.graft.api.MembershipChangeException;
import io.graft.api.NodeClosedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftException;
import io.graft.node.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns what a request failed with into the message the tool prints and the exit code it ends with. */
final class Failures {
    /** What it means for a change that the cluster did not confirm it. */
    static final String CHANGE_UNKNOWN = "The change may or may not have been made; run 'graft members' to see.";
    /** What it means for a request that changes nothing that it was not answered. */
    static final String NOTHING_CHANGED = "Nothing changed.";

    private Failures() {
    }

    /**
     * Prints why a request failed and returns the exit code: {@link ExitCodes#UNREACHABLE} when nothing answered
     * in time, {@link ExitCodes#FAILED} when a member refused or the request failed.
     *
     * @param ifUnanswered what an unanswered request means for the user, e.g. {@link #CHANGE_UNKNOWN}
     */
    static int print(PrintWriter err, Throwable failure, Duration timeout, String ifUnanswered) {
        Throwable cause = unwrap(failure);
        if (unanswered(cause)) {
            err.println("graft: no answer from the cluster within " + Units.describe(timeout) + ". Is a majority"
                    + " of the members running and reachable at the addresses in the cluster file? " + ifUnanswered);
            return ExitCodes.UNREACHABLE;
        }
        if (cause instanceof LeadershipTransferException || cause instanceof MembershipChangeException) {
            err.println("graft: refused: " + cause.getMessage());
        } else if (cause instanceof RaftException || cause instanceof IllegalArgumentException) {
            err.println("graft: " + cause.getMessage());
        } else {
            err.println("graft: the request failed: " + cause);
        }
        return ExitCodes.FAILED;
    }

    /** Whether {@code cause} means that nothing answered in time (rather than an answer that said no). */
    static boolean unanswered(Throwable cause) {
        Throwable c = unwrap(cause);
        return c instanceof TimeoutException || c instanceof OutcomeUnknownException
                || c instanceof NodeClosedException || c instanceof CancellationException;
    }

    /** The failure itself, without the wrappers futures add. */
    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
