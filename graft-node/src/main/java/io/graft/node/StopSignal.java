package io.graft.node;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a running launcher to stop, and lets the stopper wait until the member is closed. The launcher's
 * {@code main} ties it to the JVM's shutdown (SIGTERM, SIGINT); tests trigger it directly.
 */
final class StopSignal {
    /** How long a shutdown hook waits for the member to close before letting the JVM end anyway. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** A signal that only {@link #requestStop()} triggers. */
    static StopSignal manual() {
        return new StopSignal();
    }

    /**
     * A signal triggered by the JVM's shutdown. The hook waits for the launcher to close the member, since the
     * JVM halts as soon as its hooks return.
     */
    static StopSignal onJvmShutdown() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.requestStop();
            signal.awaitFinished(SHUTDOWN_GRACE);
        }, "graft-node-shutdown"));
        return signal;
    }

    /** Asks the launcher to close its member and return. */
    void requestStop() {
        requested.countDown();
    }

    /** Blocks until a stop is requested. */
    void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Blocks until a stop is requested or {@code timeout} passes; true if a stop was requested. */
    boolean awaitRequest(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called by the launcher once it is done (member closed, or it never started). */
    void markFinished() {
        finished.countDown();
    }

    /** Waits up to {@code timeout} for the launcher to be done; true if it is. */
    boolean awaitFinished(Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
