package io.graft.bench.load;

import io.graft.api.NodeClosedException;
import io.graft.api.NotLeaderException;
import io.graft.api.OutcomeUnknownException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed-loop submitter: one thread that submits a command whenever one of the {@code inFlight} permits
 * is free, through a {@link CommandSink} (the leader's {@code RaftNode.submit}, or a remote client). Each
 * outcome records the command's latency (submit to result, nanoseconds) and returns its permit. One thread
 * keeps the log order equal to the submission order (unless a remote client retries), which lets the state
 * machines detect duplicates.
 */
final class LoadDriver implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);

    private final CommandSink sink;
    private final int inFlight;
    private final Semaphore permits;
    private final byte[] command;
    private final AckTally tally;
    private volatile boolean stopping;
    private volatile boolean leaderSuspect;
    private volatile Throwable failure;
    private volatile int leaderChanges;

    LoadDriver(CommandSink sink, int inFlight, int commandBytes, AckTally tally) {
        this.sink = sink;
        this.inFlight = inFlight;
        this.permits = new Semaphore(inFlight);
        this.command = Commands.buffer(commandBytes);
        this.tally = tally;
    }

    @Override
    public void run() {
        try {
            // The first command goes alone: a remote client learns from its reply which member leads, so the
            // commands after it all go there, in submission order, instead of a burst spread over the members
            // and redirected (which would reorder it).
            try {
                submit(1).get(CommandSink.LEADER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // Counted as failed by completed(); the loop below follows the leader if it moved.
            }
            long sequence = 1;
            while (!stopping) {
                if (leaderSuspect) {
                    leaderSuspect = false;
                    if (sink.followLeader()) {
                        leaderChanges++;
                    }
                }
                if (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                // Take every free permit at once: one wake-up of this thread then submits a burst, instead
                // of each completion waking it to submit a single command.
                int burst = 1 + permits.drainPermits();
                for (int i = 0; i < burst; i++) {
                    submitPermitted(++sequence);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException e) {
            failure = e;
            LOG.error("the load generator stopped submitting: {}", e.toString());
        }
    }

    /** Takes a permit and submits command {@code sequence}. */
    private CompletableFuture<?> submit(long sequence) throws InterruptedException {
        permits.acquire();
        return submitPermitted(sequence);
    }

    private CompletableFuture<?> submitPermitted(long sequence) {
        // The sinks copy the command inside submit (the codec encodes it), so one buffer serves every submission.
        Commands.setSequence(command, sequence);
        long start = System.nanoTime();
        CompletableFuture<?> outcome = sink.submit(command);
        tally.submitted();
        return outcome.whenComplete((result, error) -> completed(sequence, start, error));
    }

    private void completed(long sequence, long startNanos, Throwable error) {
        try {
            if (error == null) {
                tally.acknowledged(sequence, System.nanoTime() - startNanos);
            } else {
                tally.failed();
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof NotLeaderException || cause instanceof OutcomeUnknownException
                        || cause instanceof NodeClosedException) {
                    leaderSuspect = true;
                } else {
                    LOG.warn("command {} failed: {}", sequence, cause.toString());
                }
            }
        } finally {
            permits.release();
        }
    }

    /** Stops submitting; commands in flight still complete. */
    void stop() {
        stopping = true;
    }

    /**
     * Waits until every command in flight has its outcome.
     *
     * @return whether they all did within {@code timeout}
     */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(inFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.release(inFlight);
            return true;
        }
        return false;
    }

    /** Why submitting stopped early, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    /** How often the submitter had to follow a new leader. */
    int leaderChanges() {
        return leaderChanges;
    }
}
