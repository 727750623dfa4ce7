package io.graft.node.admin;

import io.graft.api.Codec;
import io.graft.api.CodecProvider;
import io.graft.api.config.ClusterConfig;
import io.graft.core.client.GraftClient;
import io.graft.core.plugin.Plugins;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gentle stream of key-value writes to a cluster (a few dozen a second, at most {@value #IN_FLIGHT} at once),
 * so that a dashboard has a throughput to chart. Failures (for example while a new leader is elected) are
 * counted and otherwise ignored.
 */
final class KvLoad implements AutoCloseable {
    private static final int IN_FLIGHT = 8;

    private final GraftClient<KvCommand, KvResult> client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kv-load");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();

    private KvLoad(GraftClient<KvCommand, KvResult> client) {
        this.client = client;
    }

    /** Starts writing to {@code cluster} (whose codec must handle the key-value example's types) every 20 ms. */
    static KvLoad start(ClusterConfig cluster) {
        CodecProvider codecs = new Plugins().codec(cluster.codec());
        Codec<KvCommand> commands = codecs.codecFor(KvCommand.class, cluster.codecOptions());
        Codec<KvResult> results = codecs.codecFor(KvResult.class, cluster.codecOptions());
        KvLoad load = new KvLoad(GraftClient.builder(cluster, commands, results)
                .requestTimeout(Duration.ofSeconds(5)).build());
        load.timer.scheduleAtFixedRate(load::write, 0, 20, TimeUnit.MILLISECONDS);
        return load;
    }

    /** Writes answered so far. */
    long applied() {
        return applied.get();
    }

    private void write() {
        if (!slots.tryAcquire()) {
            return;
        }
        long n = sent.incrementAndGet();
        client.submit(KvCommand.put("key-" + (n % 100), "value-" + n)).whenComplete((result, failure) -> {
            if (failure == null) {
                applied.incrementAndGet();
            }
            slots.release();
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
