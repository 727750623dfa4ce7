package io.graft.metrics.micrometer;

import io.graft.api.RaftNode;
import io.graft.api.event.RaftEvent;
import io.graft.api.event.RaftEventListener;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.api.transport.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one Graft member's meters to a Micrometer {@link MeterRegistry}, tagged with the cluster and the member:
 *
 * <pre>{@code
 * GraftMeters meters = GraftMeters.create(registry, "orders");
 * RaftNode<C, R> node = Graft.node(cluster, id, stateMachine, codec).metrics(meters).start();
 * }</pre>
 *
 * <p>When the member starts, it registers every meter listed in {@link GraftMeterNames} and listens to the
 * member's events itself (registering it with {@code listener(...)} as well changes nothing). Per-command work
 * is one update of a meter resolved in advance. Gauges of the member's state read {@link RaftNode#status()} when
 * the registry asks; the per-follower replication lag and the transport's drop reasons are refreshed once a
 * second on one daemon thread shared by all members, and a scrape reads the last values, never waiting for a
 * member. When the member stops, its meters are removed from the registry.
 *
 * <p>One instance records one member at a time: create one per member. A member restarted with the same instance
 * (after it stopped) registers its meters again.
 */
public final class GraftMeters implements MetricsRecorder, RaftEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(GraftMeters.class);
    /** How often report-based gauges and drop reasons are refreshed. */
    static final Duration REFRESH_EVERY = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final String clusterId;
    /** The running member's meters; {@code null} before it starts and once it stopped. */
    private volatile MemberMeters bound;
    private volatile RaftEvent lastEvent;
    private AutoCloseable listening;

    private GraftMeters(MeterRegistry registry, String clusterId) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        if (clusterId.isBlank()) {
            throw new IllegalArgumentException("clusterId must not be blank");
        }
    }

    /**
     * Meters for one member, to be registered in {@code registry} with the tag {@code cluster=clusterId} (and
     * {@code member} with the member's id) once the member starts.
     */
    public static GraftMeters create(MeterRegistry registry, String clusterId) {
        return new GraftMeters(registry, clusterId);
    }

    /**
     * Registers the member's meters and listens to its events.
     *
     * @throws IllegalStateException if this instance already records a running member
     */
    @Override
    public synchronized void started(RaftNode<?, ?> node, Transport transport) {
        if (bound != null) {
            throw new IllegalStateException("these meters already record member " + bound.memberId()
                    + " of cluster '" + clusterId + "'; create one GraftMeters per member");
        }
        MemberMeters meters = MemberMeters.bind(registry, clusterId, node, transport, REFRESH_EVERY);
        bound = meters;
        listening = node.addListener(this);
    }

    @Override
    public void commandCompleted(long nanos, boolean applied) {
        MemberMeters m = bound;
        if (m != null) {
            m.commands.commandCompleted(nanos, applied);
        }
    }

    @Override
    public void commandOverloaded() {
        MemberMeters m = bound;
        if (m != null) {
            m.commands.commandOverloaded();
        }
    }

    @Override
    public void logSynced(long nanos, int entries, long bytes) {
        MemberMeters m = bound;
        if (m != null) {
            m.commands.logSynced(nanos, entries, bytes);
        }
    }

    @Override
    public void clientSessions(int count) {
        MemberMeters m = bound;
        if (m != null) {
            m.commands.clientSessions(count);
        }
    }

    /**
     * Counts the member's elections, leader changes and snapshots. An event delivered twice in a row (this
     * instance registered as a listener too) counts once.
     */
    @Override
    public void onEvent(RaftEvent event) {
        MemberMeters m = bound;
        if (m == null || event == lastEvent) {
            return;
        }
        lastEvent = event;
        m.events.on(event);
    }

    /** Stops listening and removes the member's meters from the registry. */
    @Override
    public synchronized void stopped() {
        MemberMeters m = bound;
        if (m == null) {
            return;
        }
        bound = null;
        lastEvent = null;
        try {
            listening.close();
        } catch (Exception e) {
            LOG.debug("member {}: removing the metrics listener failed: {}", m.memberId(), e.toString());
        }
        listening = null;
        m.unbind();
    }

    @Override
    public String toString() {
        MemberMeters m = bound;
        return "GraftMeters[cluster=" + clusterId + (m != null ? ", member=" + m.memberId() : ", not started") + "]";
    }
}
