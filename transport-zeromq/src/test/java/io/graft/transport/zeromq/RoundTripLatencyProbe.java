package io.graft.transport.zeromq;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.Inbox;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import io.graft.core.protocol.AppendResponse;
import io.graft.core.protocol.Message;
import io.graft.core.protocol.MessageCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * An informal round-trip measurement, not a test: member 1 sends a small AppendResponse to member 2, whose
 * inbox answers at once; the sending thread parks until the answer arrives (as an event loop would). Run with
 * {@code java -cp <test classpath> io.graft.transport.zeromq.RoundTripLatencyProbe [rounds]}.
 */
public final class RoundTripLatencyProbe {
    private RoundTripLatencyProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        ClusterConfig config = ClusterConfig.builder()
                .member(1, "127.0.0.1", TestCluster.freePort())
                .member(2, "127.0.0.1", TestCluster.freePort())
                .member(3, "127.0.0.1", TestCluster.freePort())
                .build();
        ZeroMqTransport[] transports = new ZeroMqTransport[4];
        Thread requester = Thread.currentThread();
        long[] answeredAt = new long[1];
        Inbox echo = bytesInbox((from, m) -> transports[2].send(new AppendResponse(2, from, m.term(), true, 0, 0, 0)));
        Inbox answers = bytesInbox((from, m) -> {
            synchronized (answeredAt) {
                answeredAt[0] = m.term();
            }
            LockSupport.unpark(requester);
        });
        for (int id = 1; id <= 3; id++) {
            transports[id] = new ZeroMqTransport(ZeroMqSettings.defaults());
            transports[id].start(new TransportContext(id, config, id == 1 ? answers : echo));
        }
        long[] samples = new long[rounds];
        int warmup = Math.min(20_000, rounds);
        for (int i = -warmup; i < rounds; i++) {
            long term = i + warmup + 1L;
            long start = System.nanoTime();
            transports[1].send(new AppendResponse(1, 2, term, true, 0, 0, 0));
            long deadline = start + 100_000_000L;
            while (answered(answeredAt) != term && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000L);
            }
            if (answered(answeredAt) != term) {
                i--; // lost while connecting: retry
                continue;
            }
            if (i >= 0) {
                samples[i] = System.nanoTime() - start;
            }
        }
        for (int id = 1; id <= 3; id++) {
            transports[id].close();
        }
        Arrays.sort(samples);
        System.out.printf("round trips: %d, p50 %d us, p90 %d us, p99 %d us, p99.9 %d us, max %d us%n", rounds,
                samples[rounds / 2] / 1000, samples[rounds * 9 / 10] / 1000, samples[rounds * 99 / 100] / 1000,
                samples[rounds * 999 / 1000] / 1000, samples[rounds - 1] / 1000);
    }

    private static long answered(long[] answeredAt) {
        synchronized (answeredAt) {
            return answeredAt[0];
        }
    }

    private interface Handler {
        void handle(int from, Message m);
    }

    private static Inbox bytesInbox(Handler handler) {
        return new Inbox() {
            @Override
            public boolean deliver(WireMessage message) {
                return false;
            }

            @Override
            public boolean deliver(int authenticatedSender, ByteBuffer frame) {
                Message m = MessageCodec.decode(frame);
                handler.handle(authenticatedSender, m);
                return true;
            }
        };
    }
}
