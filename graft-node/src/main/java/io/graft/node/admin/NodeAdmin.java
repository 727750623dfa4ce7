package io.graft.node.admin;

import io.graft.api.RaftNode;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.metrics.micrometer.GraftMeters;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The launcher's admin endpoints for its member: a Prometheus registry with the JVM's meters, and an
 * {@link AdminServer} over a {@link RaftNodeView} of the member. {@link #off()} when the cluster file and the
 * command line ask for none. Closing it stops the server and the JVM meters' listeners.
 */
public final class NodeAdmin implements AutoCloseable {
    private final AdminServer server;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private NodeAdmin(AdminServer server, PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.server = server;
        this.registry = registry;
        this.gc = gc;
    }

    /** No endpoints. */
    public static NodeAdmin off() {
        return new NodeAdmin(null, null, null);
    }

    /**
     * Serves {@code node}'s endpoints on {@code address}, or nothing when it is empty.
     *
     * @param clusterId the cluster, for the member's report
     * @param readyMaxApplyLag see {@link AdminSettings#readyMaxApplyLag()}
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public static NodeAdmin start(Optional<InetSocketAddress> address, RaftNode<?, ?> node, String clusterId,
                                  long readyMaxApplyLag) {
        return start(address, node, clusterId, readyMaxApplyLag, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * The registry the member's own meters go to when the endpoints are on (bind them with
     * {@link #memberMeters}), before the member starts; give it to {@link #start} afterwards.
     */
    public static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** The recorder that puts a member's meters (graft-metrics-micrometer) into {@code registry}. */
    public static MetricsRecorder memberMeters(PrometheusMeterRegistry registry, String clusterId) {
        return GraftMeters.create(registry, clusterId);
    }

    /**
     * As above, serving {@code registry}, which may already hold the member's own meters (see
     * {@link #memberMeters}); the JVM's meters are added to it.
     */
    public static NodeAdmin start(Optional<InetSocketAddress> address, RaftNode<?, ?> node, String clusterId,
                                  long readyMaxApplyLag, PrometheusMeterRegistry registry) {
        if (address.isEmpty()) {
            registry.close();
            return off();
        }
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        try {
            AdminServer server = AdminServer.start(address.get(), new RaftNodeView(node), registry,
                    readyMaxApplyLag);
            return new NodeAdmin(server, registry, gc);
        } catch (RuntimeException e) {
            gc.close();
            registry.close();
            throw e;
        }
    }

    /** The dashboard's address, when the endpoints are served. */
    public Optional<URI> url() {
        return server == null ? Optional.empty() : Optional.of(server.url());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            gc.close();
            registry.close();
        }
    }
}
