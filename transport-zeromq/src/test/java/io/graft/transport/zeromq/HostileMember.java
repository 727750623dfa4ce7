package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Three live members, and raw TCP connections that send member 1 whatever a test likes; then checks that member 1
 * still greets connections and exchanges messages with both peers.
 */
final class HostileMember implements AutoCloseable {
    private final TestCluster<TestMessage> cluster;
    private final List<Socket> connections = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    HostileMember(ZeroMqSettings settings) {
        cluster = TestCluster.ofTestMessages(3, id -> settings).startAll();
        cluster.awaitAllLinks();
    }

    /** The member under attack. */
    ZeroMqTransport target() {
        return cluster.transport(1);
    }

    /** Opens a raw connection to member 1, sends {@code bytes} and leaves it open. */
    Socket send(byte[] bytes) {
        try {
            Socket s = new Socket();
            connections.add(s);
            s.connect(new InetSocketAddress("127.0.0.1", cluster.port(1)), 5000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a raw connection to member 1, completes the ZMTP handshake as a DEALER called {@code identity} (reading
     * member 1's greeting and READY, so that it takes what follows as traffic), sends {@code bytes} and leaves it
     * open.
     */
    Socket sendAfterHandshake(String identity, byte[] bytes) {
        try {
            Socket s = send(Zmtp.handshake(identity));
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            assertThat(in.readNBytes(64)).as("member 1's greeting").hasSize(64);
            int flags = in.read();
            long size = (flags & Zmtp.LARGE) != 0 ? java.nio.ByteBuffer.wrap(in.readNBytes(8)).getLong() : in.read();
            assertThat(flags & Zmtp.COMMAND).as("member 1's READY command").isEqualTo(Zmtp.COMMAND);
            assertThat(in.readNBytes((int) size)).hasSize((int) size);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes every raw connection opened so far. */
    void closeConnections() {
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.clear();
    }

    /** Fails unless member 1 greets a new connection and exchanges fresh messages with members 2 and 3. */
    void assertStillServes() {
        assertThat(cluster.failure(1)).as("the failure member 1's transport reported").isEmpty();
        assertGreets();
        for (int peer = 2; peer <= 3; peer++) {
            awaitDelivery(1, peer);
            awaitDelivery(peer, 1);
        }
    }

    private void assertGreets() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", cluster.port(1)), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(Zmtp.greeting());
            InputStream in = s.getInputStream();
            byte[] greeting = in.readNBytes(64);
            assertThat(greeting).as("member 1's ZMTP greeting").hasSize(64);
            assertThat(greeting[0] & 0xff).isEqualTo(0xff);
            assertThat(greeting[10]).as("ZMTP major version").isEqualTo((byte) 3);
        } catch (IOException e) {
            throw new AssertionError("member 1 did not greet a new connection: " + e, e);
        }
    }

    /** Sends numbered messages until one sent in this call arrives. */
    private void awaitDelivery(int from, int to) {
        long first = seq.get() + 1;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cluster.transport(from).send(TestMessage.of(from, to, seq.incrementAndGet()));
            return cluster.inbox(to).from(from).stream().anyMatch(m -> m.seq() >= first);
        });
    }

    @Override
    public void close() {
        closeConnections();
        cluster.close();
    }
}
