package io.graft.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one load test: starts the cluster, waits for a leader where the commands can go, drives load for the
 * warm-up and the measured seconds, stops, waits for every command in flight and for the followers to catch
 * up, checks exactly-once application on every member (child processes included), and reports.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private LoadRun() {
    }

    /**
     * Runs {@code settings} and returns what it measured.
     *
     * @throws io.graft.api.config.ConfigurationException if the settings cannot work (e.g. a transport that
     *         is not on the class path, or that has no client side for {@code --submit client})
     * @throws BenchClusterException if the cluster could not be started or led, or a child member failed
     */
    public static LoadResult run(LoadSettings settings) throws InterruptedException {
        try (BenchCluster cluster = BenchCluster.start(settings);
             CommandSink sink = CommandSink.open(settings, cluster)) {
            return drive(cluster, sink, settings);
        }
    }

    private static LoadResult drive(BenchCluster cluster, CommandSink sink, LoadSettings settings)
            throws InterruptedException {
        AckTally tally = new AckTally();
        LoadDriver driver = new LoadDriver(sink, settings.inFlight(), settings.commandBytes(), tally);
        Thread submitter = new Thread(driver, "graft-bench-submitter");
        submitter.setDaemon(true);
        submitter.start();
        try {
            return measure(cluster, settings, driver, submitter, tally);
        } finally {
            // Already done after a normal run; after a failure (a child member died) nothing may submit while
            // the cluster closes.
            driver.stop();
            submitter.join(DRAIN_TIMEOUT.toMillis());
        }
    }

    private static LoadResult measure(BenchCluster cluster, LoadSettings settings, LoadDriver driver, Thread submitter,
                                      AckTally tally) throws InterruptedException {
        List<SecondSample> samples = new ArrayList<>();
        Histogram measured = new Histogram(3);
        Histogram interval = new Histogram(3);
        ProcessSample measureStart = null;
        Map<Integer, ChildUsage> childrenAtMeasureStart = Map.of();
        long ackedAtMeasureStart = 0;
        long ackedBefore = 0;
        long start = System.nanoTime();
        int totalSeconds = settings.warmupSeconds() + settings.measureSeconds();
        for (int second = 0; second <= totalSeconds; second++) {
            sleepUntil(start + second * SECOND);
            if (second == settings.warmupSeconds()) {
                // Before this process's figures: a child's answer takes a moment, and the counts below should
                // be read together.
                childrenAtMeasureStart = cluster.childUsage();
            }
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
        Map<Integer, ChildUsage> childrenAtMeasureEnd = cluster.childUsage();
        if (measureStart == null) {
            measureStart = measureEnd; // Submitting failed during the warm-up: nothing was measured.
            childrenAtMeasureStart = childrenAtMeasureEnd;
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
        // Through the node API one submitter and one leader make the log order the submission order; a remote
        // client's retries may reorder (LoadResult.verify).
        boolean ordered = settings.submit() == SubmitMode.NODE;
        boolean verified = drained && converged && driver.failure() == null
                && LoadResult.verify(states, totals, ordered);
        if (!verified) {
            LOG.error("verification failed: applied {} but the submitter saw {}", states, totals);
        }
        double seconds = measureEnd.secondsSince(measureStart);
        long peakRss = ProcessSample.peakRssKib();
        Map<Integer, ChildUsage> childrenAtEnd = cluster.childUsage();
        RunReport report = new RunReport(settings, ackedInMeasurement / seconds, LatencySummary.of(measured),
                peakRss < 0 ? -1 : peakRss / 1024, childPeakRssMib(childrenAtEnd),
                measureEnd.gcMillis() - measureStart.gcMillis(), measureEnd.gcCount() - measureStart.gcCount(),
                bytesPerCommand(measureStart, measureEnd, ackedInMeasurement),
                measureEnd.allocatedBytesPerCommandSince(measureStart, ackedInMeasurement),
                measureEnd.coresUsedSince(measureStart),
                childCpuCores(childrenAtMeasureStart, childrenAtMeasureEnd,
                        measureEnd.wallNanos() - measureStart.wallNanos()),
                measureEnd.cpuNanosPerCommandSince(measureStart, ackedInMeasurement),
                wakeUpsPerCommand(measureStart, measureEnd, ackedInMeasurement),
                totals.submitted(), totals.acknowledged(), totals.failed(), cluster.knownLeaderId(),
                driver.leaderChanges(), states.get(0).outOfOrder(), verified);
        return new LoadResult(report, states, totals, samples);
    }

    private static Map<Integer, Long> childPeakRssMib(Map<Integer, ChildUsage> usage) {
        Map<Integer, Long> mib = new TreeMap<>();
        usage.forEach((id, u) -> mib.put(id, u.peakRssKib() < 0 ? -1 : u.peakRssKib() / 1024));
        return mib;
    }

    /** Each child's average CPU cores busy between two samples {@code wallNanos} apart; {@code -1} if unknown. */
    private static Map<Integer, Double> childCpuCores(Map<Integer, ChildUsage> start, Map<Integer, ChildUsage> end,
                                                      long wallNanos) {
        Map<Integer, Double> cores = new TreeMap<>();
        end.forEach((id, u) -> {
            ChildUsage before = start.get(id);
            boolean known = before != null && before.cpuNanos() >= 0 && u.cpuNanos() >= 0 && wallNanos > 0;
            cores.put(id, known ? (double) (u.cpuNanos() - before.cpuNanos()) / wallNanos : -1);
        });
        return cores;
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
