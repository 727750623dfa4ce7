package io.graft.metrics.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters fed by a member's measurement hooks, resolved once so that recording costs one meter update: commit
 * latency by outcome, commands refused as overloaded, group commits, client sessions.
 */
final class CommandMeters {
    private final Timer applied;
    private final Timer failed;
    private final Counter overloaded;
    private final Timer syncLatency;
    private final DistributionSummary syncEntries;
    private final DistributionSummary syncBytes;
    private final AtomicInteger sessions = new AtomicInteger();

    CommandMeters(MeterSet meters, Tags tags) {
        applied = meters.keep(commitLatency(tags, "applied").register(meters.registry()));
        failed = meters.keep(commitLatency(tags, "failed").register(meters.registry()));
        overloaded = meters.keep(Counter.builder(GraftMeterNames.COMMANDS_OVERLOADED).tags(tags)
                .description("Commands refused because too many were pending").register(meters.registry()));
        syncLatency = meters.keep(Timer.builder(GraftMeterNames.LOG_SYNC_LATENCY).tags(tags)
                .description("Time to write and sync one group commit of the log")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(meters.registry()));
        syncEntries = meters.keep(DistributionSummary.builder(GraftMeterNames.LOG_SYNC_ENTRIES).tags(tags)
                .baseUnit("entries").description("Log entries per group commit").register(meters.registry()));
        syncBytes = meters.keep(DistributionSummary.builder(GraftMeterNames.LOG_SYNC_BYTES).tags(tags)
                .baseUnit("bytes").description("Encoded bytes per group commit").register(meters.registry()));
        meters.keep(Gauge.builder(GraftMeterNames.CLIENT_SESSIONS, sessions, AtomicInteger::get).tags(tags)
                .description("Remote client sessions the state machine's session table holds")
                .strongReference(true).register(meters.registry()));
    }

    private static Timer.Builder commitLatency(Tags tags, String outcome) {
        return Timer.builder(GraftMeterNames.COMMIT_LATENCY).tags(tags).tag(GraftMeterNames.TAG_OUTCOME, outcome)
                .description("Time from submit on this member to the command's result")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10));
    }

    void commandCompleted(long nanos, boolean wasApplied) {
        (wasApplied ? applied : failed).record(nanos, TimeUnit.NANOSECONDS);
    }

    void commandOverloaded() {
        overloaded.increment();
    }

    void logSynced(long nanos, int entries, long bytes) {
        syncLatency.record(nanos, TimeUnit.NANOSECONDS);
        syncEntries.record(entries);
        syncBytes.record(bytes);
    }

    void clientSessions(int count) {
        sessions.set(count);
    }
}
