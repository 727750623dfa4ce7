package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.MessageCodec;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.storage.LogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Raw JeroMQ sockets send a member garbage; it drops and counts every bad frame and keeps serving. Member 3
 * is configured but never started, so raw sockets can claim its identity without disturbing member 2.
 */
class HostileInputTest {
    private static final int MAX_MESSAGE_BYTES = 4096;

    private TestCluster<Message> cluster;
    private ZContext raw;

    @BeforeEach
    void start() {
        ZeroMqSettings settings = ZeroMqSettings.from(ZeroMqTransportTest.options(
                Map.of("maxMessageBytes", List.of("" + MAX_MESSAGE_BYTES))));
        cluster = ZeroMqTransportTest.protocolCluster(3, settings);
        cluster.start(1);
        cluster.start(2);
        cluster.awaitLink(2, 1);
        raw = new ZContext();
    }

    @AfterEach
    void stop() {
        raw.close();
        cluster.close();
    }

    private ZMQ.Socket rawDealer(String identity) {
        ZMQ.Socket s = raw.createSocket(SocketType.DEALER);
        s.setIdentity(identity.getBytes(StandardCharsets.US_ASCII));
        s.setLinger(0);
        s.setHandshakeIvl(TestCluster.RAW_HANDSHAKE_MILLIS);
        s.connect(Sockets.tcpEndpoint("127.0.0.1", cluster.port(1)));
        return s;
    }

    private static VoteRequest vote(int from, long term) {
        return new VoteRequest(from, 1, term, 0, 0, false, false);
    }

    @Test
    void dropsAndCountsBadFramesAndKeepsServing() {
        ZMQ.Socket impostor = rawDealer("3");
        // Wait until the raw connection is up: a valid message from "3" gets through.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            impostor.send(MessageCodec.encode(vote(3, 1)), ZMQ.DONTWAIT);
            return !cluster.inbox(1).from(3).isEmpty();
        });
        int acceptedBefore = cluster.inbox(1).accepted().size();

        byte[] append = MessageCodec.encode(new AppendRequest(3, 1, 2, 0, 0, 0,
                List.of(LogEntry.command(1, 2, new byte[100]))));
        impostor.send(new byte[] {42, 1, 2, 3}, 0);                           // garbage
        impostor.send(Arrays.copyOf(append, append.length - 7), 0);           // truncated
        impostor.send(new byte[0], 0);                                        // empty: a probe, answered
        impostor.send(MessageCodec.encode(vote(2, 9)), 0);                    // claims to be member 2
        impostor.sendMore(MessageCodec.encode(vote(3, 9)));                   // two frames in one message
        impostor.send(MessageCodec.encode(vote(3, 9)), 0);
        rawDealer("99").send(MessageCodec.encode(vote(99, 9)), 0);            // not a member
        rawDealer("two").send(MessageCodec.encode(vote(2, 9)), 0);            // not an id at all

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ZeroMqStats s = cluster.transport(1).stats();
            assertThat(s.rejected(RejectReason.INBOX_REJECTED)).isEqualTo(3);
            assertThat(s.rejected(RejectReason.MALFORMED_MULTIPART)).isEqualTo(1);
            assertThat(s.rejected(RejectReason.UNKNOWN_SENDER)).isEqualTo(2);
        });
        assertThat(cluster.inbox(1).refused()).isEqualTo(3);
        assertThat(impostor.recv(ZMQ.DONTWAIT)).as("the answer to the empty probe frame").isEmpty();

        // Larger than maxMessageBytes: ZeroMQ cuts the connection before reading it in.
        long lostBefore = cluster.transport(1).stats().connectionsLost();
        impostor.send(new byte[MAX_MESSAGE_BYTES + 1], 0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.transport(1).stats().connectionsLost() > lostBefore);

        // Still serving: the real member 2 and the (reconnected) raw socket both get through.
        cluster.transport(2).send(vote(2, 5));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            impostor.send(MessageCodec.encode(vote(3, 6)), ZMQ.DONTWAIT);
            return cluster.inbox(1).from(3).stream().anyMatch(m -> m.term() == 6)
                    && cluster.inbox(1).from(2).stream().anyMatch(m -> m.term() == 5);
        });
        // Nothing bad was accepted: every accepted message is a well-formed one from its true sender.
        assertThat(cluster.inbox(1).accepted().subList(acceptedBefore, cluster.inbox(1).accepted().size()))
                .allSatisfy(m -> assertThat(m.term()).isIn(5L, 6L, 1L));
    }
}
