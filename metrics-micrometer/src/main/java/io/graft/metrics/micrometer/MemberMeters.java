package io.graft.metrics.micrometer;

import io.graft.api.RaftNode;
import io.graft.api.metrics.TransportMetrics;
import io.graft.api.report.MemberReport;
import io.graft.api.transport.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every meter of one running member, from its start to its stop: registered at once, except the per-follower
 * and per-drop-reason ones, which a refresh every {@code refreshEvery} adds and removes from the member's latest
 * report and its transport's counters. A refresh asks for one report at a time; the registry always reads the
 * last one that completed, so a scrape never waits for a member.
 */
final class MemberMeters {
    private static final Logger LOG = LoggerFactory.getLogger(MemberMeters.class);

    final CommandMeters commands;
    final EventMeters events;
    private final RaftNode<?, ?> node;
    private final MeterSet meters;
    private final ReplicationGauges replication;
    private final TransportMeters transport;
    private final AtomicBoolean reportAsked = new AtomicBoolean();
    private final ScheduledFuture<?> refreshing;
    private volatile boolean unbound;

    private MemberMeters(MeterRegistry registry, Tags tags, RaftNode<?, ?> node, Transport transport,
                         Duration refreshEvery) {
        this.node = node;
        this.meters = new MeterSet(registry);
        this.commands = new CommandMeters(meters, tags);
        this.events = new EventMeters(meters, tags);
        StatusGauges.register(meters, tags, node);
        this.replication = new ReplicationGauges(meters, tags);
        this.transport = transport instanceof TransportMetrics t ? new TransportMeters(t, meters, tags) : null;
        this.refreshing = Refresher.every(refreshEvery, this::refresh);
    }

    /** Registers the meters of {@code node}, which runs on {@code transport}. */
    static MemberMeters bind(MeterRegistry registry, String clusterId, RaftNode<?, ?> node, Transport transport,
                             Duration refreshEvery) {
        Tags tags = Tags.of(GraftMeterNames.TAG_CLUSTER, clusterId, GraftMeterNames.TAG_MEMBER,
                String.valueOf(node.id()));
        return new MemberMeters(registry, tags, node, transport, refreshEvery);
    }

    int memberId() {
        return node.id();
    }

    /** On the refresher's thread. */
    private void refresh() {
        try {
            if (transport != null) {
                transport.discoverDropReasons();
            }
            if (reportAsked.compareAndSet(false, true)) {
                node.report().whenCompleteAsync(this::reported, Refresher.thread());
            }
        } catch (RuntimeException e) {
            LOG.warn("member {}: refreshing its meters failed; they refresh again in a moment", node.id(), e);
        }
    }

    private void reported(MemberReport report, Throwable failure) {
        reportAsked.set(false);
        if (unbound) {
            return;
        }
        if (failure != null) {
            LOG.debug("member {}: no report for its meters: {}", node.id(), failure.toString());
            return;
        }
        try {
            replication.update(report);
        } catch (RuntimeException e) {
            LOG.warn("member {}: updating its replication gauges failed", node.id(), e);
        }
    }

    /** Stops refreshing and removes every meter of this member from the registry. */
    void unbind() {
        unbound = true;
        refreshing.cancel(false);
        meters.removeAll();
    }
}
