package io.graft.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one load test: starts the cluster, drives load for the warm-up and the measured seconds, stops,
 * waits for every command in flight and for the followers to catch up, checks exactly-once application,
 * and reports.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private LoadRun() {
    }

    /** Runs {@code settings} and returns what it measured. */
    public static LoadResult run(LoadSettings settings) throws InterruptedException {
        try (BenchCluster cluster = BenchCluster.start(settings)) {
            return drive(cluster, settings);
        }
    }

    private static LoadResult drive(BenchCluster cluster, LoadSettings settings) throws InterruptedException {
        AckTally tally = new AckTally();
        LoadDriver driver = new LoadDriver(cluster, settings.inFlight(), settings.commandBytes(), tally);
        Thread submitter = new Thread(driver, "graft-bench-submitter");
        submitter.setDaemon(true);
        submitter.start();

        List<SecondSample> samples = new ArrayList<>();
        Histogram measured = new Histogram(3);
        Histogram interval = new Histogram(3);
        ProcessSample measureStart = null;
        long ackedAtMeasureStart = 0;
        long ackedBefore = 0;
        long start = System.nanoTime();
        int totalSeconds = settings.warmupSeconds() + settings.measureSeconds();
        for (int second = 0; second <= totalSeconds; second++) {
            sleepUntil(start + second * SECOND);
            tally.intervalLatencies(interval);
            long acked = tally.acknowledged();
            if (second == settings.warmupSeconds()) {
                measureStart = ProcessSample.now();
                ackedAtMeasureStart = acked;
            }
            if (second > 0) {
                boolean inMeasurement = second > settings.warmupSeconds();
                if (inMeasurement) {
                    measured.add(interval);
                }
                LatencySummary l = LatencySummary.of(interval);
                samples.add(new SecondSample(second, inMeasurement, acked - ackedBefore, l.p50Micros(), l.p99Micros(),
                        l.maxMicros()));
                LOG.debug("second {}: {} commands, p99 {} us", second, acked - ackedBefore, l.p99Micros());
            }
            ackedBefore = acked;
            if (driver.failure() != null) {
                break;
            }
        }
        ProcessSample measureEnd = ProcessSample.now();
        if (measureStart == null) {
            measureStart = measureEnd; // Submitting failed during the warm-up: nothing was measured.
        }
        long ackedInMeasurement = tally.acknowledged() - ackedAtMeasureStart;
        driver.stop();
        submitter.join(DRAIN_TIMEOUT.toMillis());
        boolean drained = driver.awaitDrained(DRAIN_TIMEOUT);
        boolean converged = drained && cluster.awaitConvergence(DRAIN_TIMEOUT);
        if (!drained) {
            LOG.error("commands still in flight {} s after the load stopped", DRAIN_TIMEOUT.toSeconds());
        } else if (!converged) {
            LOG.error("the members did not apply the same commands within {} s: {}", DRAIN_TIMEOUT.toSeconds(),
                    cluster.appliedStates());
        }
        List<AppliedState> states = cluster.appliedStates();
        AckTotals totals = tally.totals();
        boolean verified = drained && converged && driver.failure() == null && LoadResult.verify(states, totals);
        if (!verified) {
            LOG.error("verification failed: applied {} but the submitter saw {}", states, totals);
        }
        double seconds = measureEnd.secondsSince(measureStart);
        long peakRss = ProcessSample.peakRssKib();
        RunReport report = new RunReport(settings, ackedInMeasurement / seconds, LatencySummary.of(measured),
                peakRss < 0 ? -1 : peakRss / 1024, measureEnd.gcMillis() - measureStart.gcMillis(),
                measureEnd.gcCount() - measureStart.gcCount(),
                bytesPerCommand(measureStart, measureEnd, ackedInMeasurement),
                measureEnd.allocatedBytesPerCommandSince(measureStart, ackedInMeasurement),
                measureEnd.coresUsedSince(measureStart),
                measureEnd.cpuNanosPerCommandSince(measureStart, ackedInMeasurement),
                wakeUpsPerCommand(measureStart, measureEnd, ackedInMeasurement),
                totals.submitted(), totals.acknowledged(), totals.failed(), leaderId(cluster), driver.leaderChanges(), verified);
        return new LoadResult(report, states, totals, samples);
    }

    private static int leaderId(BenchCluster cluster) {
        for (var node : cluster.nodes()) {
            if (node.status().isLeader()) {
                return node.id();
            }
        }
        return 0;
    }

    private static double wakeUpsPerCommand(ProcessSample start, ProcessSample end, long commands) {
        if (start.voluntaryContextSwitches() < 0 || end.voluntaryContextSwitches() < 0 || commands == 0) {
            return -1;
        }
        return (double) (end.voluntaryContextSwitches() - start.voluntaryContextSwitches()) / commands;
    }

    private static long bytesPerCommand(ProcessSample start, ProcessSample end, long commands) {
        if (start.allocatedBytes() < 0 || end.allocatedBytes() < 0 || commands == 0) {
            return -1;
        }
        return (end.allocatedBytes() - start.allocatedBytes()) / commands;
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
