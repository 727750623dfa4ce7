package io.graft.bench.load;

import io.graft.api.NodeClosedException;
import io.graft.api.NotLeaderException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed-loop submitter: one thread that submits a command to the leader whenever one of the
 * {@code inFlight} permits is free, through the public {@link RaftNode#submit}. Each outcome records the
 * command's latency (submit to result, nanoseconds) and returns its permit. One thread keeps the log order
 * equal to the submission order, which lets the state machines detect duplicates.
 */
final class LoadDriver implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    private final BenchCluster cluster;
    private final int inFlight;
    private final Semaphore permits;
    private final byte[] command;
    private final AckTally tally;
    private volatile boolean stopping;
    private volatile boolean leaderSuspect;
    private volatile Throwable failure;
    private volatile int leaderChanges;

    LoadDriver(BenchCluster cluster, int inFlight, int commandBytes, AckTally tally) {
        this.cluster = cluster;
        this.inFlight = inFlight;
        this.permits = new Semaphore(inFlight);
        this.command = Commands.buffer(commandBytes);
        this.tally = tally;
    }

    @Override
    public void run() {
        try {
            long sequence = 0;
            RaftNode<byte[], Void> leader = cluster.awaitLeader(LEADER_WAIT);
            while (!stopping) {
                if (leaderSuspect) {
                    leaderSuspect = false;
                    RaftNode<byte[], Void> next = cluster.awaitLeader(LEADER_WAIT);
                    if (next != leader) {
                        leaderChanges++;
                        LOG.warn("the leader changed from member {} to member {} during the run", leader.id(), next.id());
                        leader = next;
                    }
                }
                if (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                // Take every free permit at once: one wake-up of this thread then submits a burst, instead
                // of each completion waking it to submit a single command.
                int burst = 1 + permits.drainPermits();
                for (int i = 0; i < burst; i++) {
                    long seq = ++sequence;
                    // The codec copies the command inside submit, so one buffer serves every submission.
                    Commands.setSequence(command, seq);
                    long start = System.nanoTime();
                    CompletableFuture<Void> outcome = leader.submit(command);
                    tally.submitted();
                    outcome.whenComplete((result, error) -> completed(seq, start, error));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException e) {
            failure = e;
            LOG.error("the load generator stopped submitting: {}", e.toString());
        }
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
