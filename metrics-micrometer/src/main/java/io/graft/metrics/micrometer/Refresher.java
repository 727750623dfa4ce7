package io.graft.metrics.micrometer;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread, shared by every member of the JVM, that refreshes the meters read from reports and
 * discovered over time. It only asks members for reports and updates gauges: a member's report is built on its
 * own event loop, and the answer is handled back here, never on that loop.
 */
final class Refresher {
    private static final ScheduledExecutorService EXECUTOR = executor();

    private Refresher() {
    }

    private static ScheduledExecutorService executor() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "graft-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    static ScheduledFuture<?> every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        return EXECUTOR.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** The refresher's thread, for work that must not run where it was triggered. */
    static Executor thread() {
        return EXECUTOR;
    }
}
