package io.graft.transport.zeromq;

import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/** Real zeromq transports on 127.0.0.1, one per member, each with a recording inbox. */
final class TestCluster<M extends WireMessage> implements AutoCloseable {
    /**
     * The handshake timeout for raw sockets in tests, as the transport sets for its own: JeroMQ 0.6.0 sometimes
     * leaves a freshly dialled connection silent, and only this timer (30 s by default) re-dials it.
     */
    static final int RAW_HANDSHAKE_MILLIS = 1000;

    final ClusterConfig config;
    private final Function<ByteBuffer, M> decoder;
    private final IntFunction<ZeroMqSettings> settingsFor;
    private final BiFunction<Integer, Integer, WireMessage> probe;
    private final Predicate<M> isProbe;
    private final Map<Integer, ZeroMqTransport> transports = new HashMap<>();
    private final Map<Integer, RecordingInbox<M>> inboxes = new HashMap<>();
    private final Map<Integer, Throwable> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param probe makes a message from a member to another that {@code isProbe} recognises, used to wait
     *              until a link is connected (ZeroMQ drops what is sent before)
     */
    TestCluster(int size, Function<ByteBuffer, M> decoder, IntFunction<ZeroMqSettings> settingsFor,
                BiFunction<Integer, Integer, WireMessage> probe, Predicate<M> isProbe) {
        ClusterConfig.Builder b = ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME);
        for (int id = 1; id <= size; id++) {
            b.member(id, "127.0.0.1", freePort());
        }
        this.config = b.build();
        this.decoder = decoder;
        this.settingsFor = settingsFor;
        this.probe = probe;
        this.isProbe = isProbe;
    }

    /** A cluster of {@link TestMessage}s; probes have a negative sequence number. */
    static TestCluster<TestMessage> ofTestMessages(int size, IntFunction<ZeroMqSettings> settingsFor) {
        return new TestCluster<>(size, TestMessage::decode, settingsFor, (f, t) -> TestMessage.of(f, t, -1),
                m -> m.seq() < 0);
    }

    static int freePort() {
        // Below Linux's ephemeral range (32768 and up): a port from that range can be taken, between this check
        // and the member's bind, as the local port of any outgoing connection, e.g. a DEALER re-dialling a
        // member of an earlier test.
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or, after {@link #stop}, restarts) member {@code id} with a fresh inbox. */
    ZeroMqTransport start(int id) {
        RecordingInbox<M> inbox = new RecordingInbox<>(decoder);
        ZeroMqTransport t = new ZeroMqTransport(settingsFor.apply(id));
        t.start(new TransportContext(id, config, inbox, cause -> failures.putIfAbsent(id, cause)));
        transports.put(id, t);
        inboxes.put(id, inbox);
        return t;
    }

    TestCluster<M> startAll() {
        config.memberIds().forEach(this::start);
        return this;
    }

    void stop(int id) {
        ZeroMqTransport t = transports.remove(id);
        if (t != null) {
            t.close();
        }
    }

    ZeroMqTransport transport(int id) {
        return transports.get(id);
    }

    /** What member {@code id}'s transport reported as its failure ({@link TransportContext#failed}), if it did. */
    java.util.Optional<Throwable> failure(int id) {
        return java.util.Optional.ofNullable(failures.get(id));
    }

    RecordingInbox<M> inbox(int id) {
        return inboxes.get(id);
    }

    int port(int id) {
        return config.member(id).port();
    }

    /** Sends probes from {@code from} to {@code to} until one arrives. */
    void awaitLink(int from, int to) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> {
            transports.get(from).send(probe.apply(from, to));
            return inboxes.get(to).from(from).stream().anyMatch(isProbe);
        });
    }

    /** Waits until every member reaches every other. */
    void awaitAllLinks() {
        for (int from : transports.keySet()) {
            for (int to : transports.keySet()) {
                if (from != to) {
                    awaitLink(from, to);
                }
            }
        }
    }

    @Override
    public void close() {
        transports.values().forEach(ZeroMqTransport::close);
        transports.clear();
    }
}
