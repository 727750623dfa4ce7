package io.graft.bench.jmh;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientChannel;
import io.graft.api.transport.Inbox;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import io.graft.transport.zeromq.ZeroMqSettings;
import io.graft.transport.zeromq.ZeroMqTransport;
import io.graft.transport.zeromq.ZeroMqTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * One request and its answer over ZeroMQ on 127.0.0.1, nothing else in flight: the floor under the load
 * generator's {@code --transport zeromq --in-flight 1} latency, since a Raft command needs at least one such round
 * trip (leader to follower and back) besides its local hand-offs.
 *
 * <ul>
 *   <li>{@code jeromq}: bare JeroMQ, a DEALER and an echoing ROUTER in one context (one I/O thread, as Graft's
 *       members in one process share), each side blocking in {@code recv}. Four thread hand-offs per round trip:
 *       sender to I/O thread, I/O thread to the echo thread, and back.</li>
 *   <li>{@code graftTransport}: two {@link ZeroMqTransport} members; member 2's inbox answers each message, member
 *       1's inbox wakes the parked benchmark thread, as the event loop would be woken. Adds the transports'
 *       receiving threads and the hand-off to the waiting thread.</li>
 * </ul>
 * Run with {@code java -jar benchmarks/target/benchmarks.jar ZeroMqRoundTrip}; the sample mode prints p50 to
 * p99.99 in microseconds.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class ZeroMqRoundTripBenchmark {
    private static final int PAYLOAD_BYTES = 64;

    @Benchmark
    public byte[] jeromq(JeromqPair pair) {
        pair.dealer.send(pair.payload);
        return pair.dealer.recv();
    }

    @Benchmark
    public long graftTransport(GraftPair pair) {
        pair.waiter = Thread.currentThread();
        long expected = ++pair.asked;
        pair.member1.send(new Frame(1, 2));
        while (pair.answered < expected) {
            LockSupport.park(pair);
        }
        return expected;
    }

    /** A DEALER and an echoing ROUTER in one JeroMQ context. */
    @State(Scope.Benchmark)
    public static class JeromqPair {
        private final byte[] payload = new byte[PAYLOAD_BYTES];
        private ZContext context;
        private ZMQ.Socket dealer;

        @Setup(Level.Trial)
        public void setUp() {
            int port = freePort();
            context = new ZContext(1);
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            router.bind("tcp://127.0.0.1:" + port);
            Thread echo = new Thread(() -> {
                ZMsg request;
                while ((request = ZMsg.recvMsg(router)) != null) {
                    request.send(router);
                }
            }, "jeromq-echo");
            echo.setDaemon(true);
            echo.start();
            dealer = context.createSocket(SocketType.DEALER);
            dealer.connect("tcp://127.0.0.1:" + port);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close(); // ends the echo thread's recv
        }
    }

    /** Two Graft members over ZeroMQ; member 2 answers, member 1 wakes the benchmark thread. */
    @State(Scope.Benchmark)
    public static class GraftPair {
        private ZeroMqTransport member1;
        private ZeroMqTransport member2;
        private volatile Thread waiter;
        private volatile long answered;
        private long asked;

        @Setup(Level.Trial)
        public void setUp() {
            ClusterConfig cluster = ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME)
                    .member(1, "127.0.0.1", freePort()).member(2, "127.0.0.1", freePort()).build();
            member1 = new ZeroMqTransport(ZeroMqSettings.defaults());
            member2 = new ZeroMqTransport(ZeroMqSettings.defaults());
            member2.start(new TransportContext(2, cluster, new Answering(frame -> member2.send(new Frame(2, 1)))));
            member1.start(new TransportContext(1, cluster, new Answering(frame -> {
                answered++; // only member 1's receiving thread writes it
                LockSupport.unpark(waiter);
            })));
            awaitLinkUp();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            member1.close();
            member2.close();
        }

        /** ZeroMQ drops what is sent before a connection is up, so ask until one answer comes back. */
        private void awaitLinkUp() {
            waiter = Thread.currentThread();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the two ZeroMQ members did not connect within 30 s");
                }
                member1.send(new Frame(1, 2));
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
            }
            asked = answered;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixed-size message; its bytes are not looked at. */
    private record Frame(int from, int to) implements WireMessage {
        @Override
        public int encodedSize() {
            return PAYLOAD_BYTES;
        }

        @Override
        public void encodeTo(ByteBuffer buffer) {
            buffer.position(buffer.position() + PAYLOAD_BYTES);
        }
    }

    /** An inbox that runs {@code onFrame} for every frame, on the transport's receiving thread. */
    private record Answering(java.util.function.Consumer<ByteBuffer> onFrame) implements Inbox {
        @Override
        public boolean deliver(WireMessage message) {
            return false;
        }

        @Override
        public boolean deliver(int authenticatedSender, ByteBuffer frame) {
            onFrame.accept(frame);
            return true;
        }

        @Override
        public boolean deliverClientRequest(ClientChannel replyTo, ByteBuffer frame) {
            return false;
        }
    }
}
