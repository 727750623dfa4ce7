package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * CurveZMQ on: listed members talk; a socket without a key, with an unlisted key, or with a listed key
 * claiming another member's identity gets nothing delivered. Members 3 and 4 are listed but never started.
 */
class CurveTest {
    @TempDir
    Path dir;

    private final Map<Integer, CurveKeys.KeyPair> keys = new HashMap<>();
    private TestCluster<TestMessage> cluster;
    private ZContext raw;

    @BeforeEach
    void start() {
        for (int id = 1; id <= 4; id++) {
            keys.put(id, CurveKeys.generate());
        }
        cluster = TestCluster.ofTestMessages(4, this::curveSettings);
        cluster.start(1);
        cluster.start(2);
        raw = new ZContext();
    }

    @AfterEach
    void stop() {
        raw.close();
        cluster.close();
    }

    private ZeroMqSettings curveSettings(int member) {
        try {
            Path secret = Files.writeString(dir.resolve("member-" + member + ".key"), keys.get(member).secretKey() + "\n",
                    StandardCharsets.US_ASCII);
            List<String> publicKeys = new ArrayList<>();
            keys.forEach((id, pair) -> publicKeys.add(id + ":" + pair.publicKey()));
            return ZeroMqSettings.from(ZeroMqTransportTest.options(Map.of("curve", List.of("true"),
                    "publicKeys", publicKeys, "secretKeyFile", List.of(secret.toString()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw DEALER to member 1 claiming {@code identity}, as a CURVE client with {@code pair} if given. */
    private ZMQ.Socket intruder(String identity, CurveKeys.KeyPair pair) {
        ZMQ.Socket s = raw.createSocket(SocketType.DEALER);
        s.setIdentity(identity.getBytes(StandardCharsets.US_ASCII));
        s.setLinger(0);
        s.setHandshakeIvl(TestCluster.RAW_HANDSHAKE_MILLIS);
        if (pair != null) {
            s.setCurveServerKey(ZMQ.Curve.z85Decode(keys.get(1).publicKey()));
            s.setCurvePublicKey(ZMQ.Curve.z85Decode(pair.publicKey()));
            s.setCurveSecretKey(ZMQ.Curve.z85Decode(pair.secretKey()));
        }
        s.connect(Sockets.tcpEndpoint("127.0.0.1", cluster.port(1)));
        return s;
    }

    @Test
    void listedMembersExchangeMessagesInOrder() {
        cluster.awaitLink(1, 2);
        cluster.awaitLink(2, 1);
        for (long seq = 0; seq < 200; seq++) {
            cluster.transport(1).send(TestMessage.of(1, 2, seq));
            cluster.transport(2).send(TestMessage.of(2, 1, seq));
        }
        List<Long> expected = LongStream.range(0, 200).boxed().toList();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(seqs(cluster.inbox(2), 1)).isEqualTo(expected);
            assertThat(seqs(cluster.inbox(1), 2)).isEqualTo(expected);
        });
        assertThat(cluster.transport(1).stats().totalRejected()).isZero();
    }

    private static List<Long> seqs(RecordingInbox<TestMessage> inbox, int from) {
        return inbox.from(from).stream().filter(m -> m.seq() >= 0).map(TestMessage::seq).toList();
    }

    /**
     * Lets {@code intruder} send frames claiming member 3 until {@code evidence} holds and member 2 has also
     * got through, then checks that nothing claiming member 3 (or 4) was delivered.
     */
    private void assertShutOut(ZMQ.Socket intruder, Predicate<ZeroMqStats> evidence) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            byte[] frame = new byte[16];
            ByteBuffer.wrap(frame).putInt(3).putInt(1).putLong(7);
            intruder.send(frame, ZMQ.DONTWAIT);
            cluster.transport(2).send(TestMessage.of(2, 1, 7));
            return evidence.test(cluster.transport(1).stats()) && !cluster.inbox(1).from(2).isEmpty();
        });
        assertThat(cluster.inbox(1).from(3)).isEmpty();
        assertThat(cluster.inbox(1).from(4)).isEmpty();
        assertThat(cluster.inbox(1).refused()).isZero(); // no intruder frame even reached the inbox
        assertThat(cluster.transport(1).stats().received()).isEqualTo(cluster.inbox(1).accepted().size());
    }

    @Test
    void aSocketWithoutCurveIsCutOff() {
        assertShutOut(intruder("3", null), s -> s.connectionsLost() > 0);
    }

    @Test
    void aSocketWithAnUnlistedKeyIsRefusedByZap() {
        assertShutOut(intruder("3", CurveKeys.generate()), s -> s.rejected(RejectReason.AUTH_DENIED) > 0);
    }

    @Test
    void aListedMemberCannotPoseAsAnother() {
        assertShutOut(intruder("3", keys.get(4)), s -> s.rejected(RejectReason.IDENTITY_MISMATCH) > 0);
    }
}
