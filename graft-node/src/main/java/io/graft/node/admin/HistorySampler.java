package io.graft.node.admin;

import io.graft.api.report.MemberReport;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one {@link Sample} of the member a second, on a thread of its own, into a {@link History}: its report's
 * indexes and role, the commit rate since the sample before, and the commit latency the metrics registry knows.
 * A report that fails or takes longer than {@link #REPORT_TIMEOUT} leaves a gap.
 */
final class HistorySampler implements AutoCloseable {
    /** How long a sample waits for the member's report. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(HistorySampler.class);

    private final MemberView member;
    private final CommitLatency latency;
    private final History history;
    private final LongSupplier clockMillis;
    private ScheduledExecutorService scheduler;

    HistorySampler(MemberView member, CommitLatency latency, History history, LongSupplier clockMillis) {
        this.member = member;
        this.latency = latency;
        this.history = history;
        this.clockMillis = clockMillis;
    }

    /** Samples every {@code period} from now on, until closed. */
    synchronized void start(Duration period) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "graft-admin-sampler-" + member.memberId());
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::sampleQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes one sample now; false if the member gave no report in time. */
    boolean sample() throws InterruptedException {
        MemberReport report;
        try {
            report = member.report().get(REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("No report from member {} for its history", member.memberId(), e);
            return false;
        }
        long now = clockMillis.getAsLong();
        Sample before = history.last();
        double rate = 0;
        if (before != null && now > before.atMillis()) {
            rate = Math.max(0, report.commitIndex() - before.commitIndex()) * 1000.0 / (now - before.atMillis());
        }
        CommitLatency.Reading reading = latency.read();
        history.add(new Sample(now, report.role(), report.term(), report.leaderId(), report.commitIndex(),
                report.appliedIndex(), rate, reading.meanMillis(), reading.maxMillis()));
        return true;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Could not sample member {} for its history", member.memberId(), e); // Keeps sampling.
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
