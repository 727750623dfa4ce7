package io.graft.bench.load;

import io.graft.core.Graft;
import io.graft.metrics.micrometer.GraftMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The meters of the members in this JVM, as {@link MetricsMode} asks: one registry shared by them, each member with
 * its own {@link GraftMeters}, and with {@link MetricsMode#PROMETHEUS} a daemon thread scraping the registry once a
 * second, so that a run pays for rendering too.
 */
final class BenchMetrics implements AutoCloseable {
    private final MetricsMode mode;
    private final MeterRegistry registry;
    private final ScheduledExecutorService scraper;

    private BenchMetrics(MetricsMode mode) {
        this.mode = mode;
        switch (mode) {
            case NONE -> {
                registry = null;
                scraper = null;
            }
            case SIMPLE -> {
                registry = new SimpleMeterRegistry();
                scraper = null;
            }
            case PROMETHEUS -> {
                PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                registry = prometheus;
                scraper = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "graft-bench-scrape");
                    t.setDaemon(true);
                    return t;
                });
                scraper.scheduleAtFixedRate(prometheus::scrape, 1, 1, TimeUnit.SECONDS);
            }
            default -> throw new IllegalArgumentException("unknown metrics mode " + mode);
        }
    }

    /** Starts what {@code mode} needs. */
    static BenchMetrics start(MetricsMode mode) {
        return new BenchMetrics(mode);
    }

    /** Gives the member being built its meters, unless the mode is {@link MetricsMode#NONE}. */
    <C, R> Graft.NodeBuilder<C, R> bind(Graft.NodeBuilder<C, R> member) {
        return registry == null ? member : member.metrics(GraftMeters.create(registry, BenchCluster.CLUSTER_ID));
    }

    MetricsMode mode() {
        return mode;
    }

    /** Stops scraping and closes the registry; close the members first. */
    @Override
    public void close() {
        if (scraper != null) {
            scraper.shutdownNow();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
