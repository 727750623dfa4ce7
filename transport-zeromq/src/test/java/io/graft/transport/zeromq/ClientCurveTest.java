package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.Options;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * CurveZMQ with remote clients: a client whose key is in {@code clientKeys} is served; any other client gets
 * nothing through, unless members {@code allowAnyClient}; a client key never passes for a member.
 */
class ClientCurveTest {
    @TempDir
    Path dir;

    private final Map<Integer, CurveKeys.KeyPair> memberKeys = Map.of(1, CurveKeys.generate(), 2, CurveKeys.generate());
    private final CurveKeys.KeyPair listedClient = CurveKeys.generate();
    private final CurveKeys.KeyPair unlistedClient = CurveKeys.generate();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    /** The client requests member 1 accepted, as text. */
    private final List<String> served = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** The shared YAML's transportOptions: member keys, the listed client's key, and {@code extra}. */
    private Map<String, List<String>> sharedOptions(Map<String, List<String>> extra) {
        Map<String, List<String>> m = new HashMap<>();
        m.put("curve", List.of("true"));
        List<String> publicKeys = new ArrayList<>();
        memberKeys.forEach((id, pair) -> publicKeys.add(id + ":" + pair.publicKey()));
        m.put("publicKeys", publicKeys);
        m.put("clientKeys", List.of(listedClient.publicKey()));
        m.putAll(extra);
        return m;
    }

    private ZeroMqSettings memberSettings(int member, Map<String, List<String>> extra) {
        try {
            Path secret = Files.writeString(dir.resolve("member-" + member + ".key"),
                    memberKeys.get(member).secretKey(), StandardCharsets.US_ASCII);
            Map<String, List<String>> m = sharedOptions(extra);
            m.put("secretKeyFile", List.of(secret.toString()));
            return ZeroMqSettings.from(new Options(m, "transportOptions"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Members 1 and 2 (member 1 echoes client requests), with {@code extra} options. */
    private TestCluster<TestMessage> members(Map<String, List<String>> extra) {
        TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(2, id -> memberSettings(id, extra));
        toClose.add(cluster);
        cluster.startAll();
        cluster.inbox(1).onClientRequest((channel, request) -> {
            String text = new String(request, StandardCharsets.UTF_8);
            served.add(text);
            // From another thread, as a leader answers once the command is applied.
            CompletableFuture.runAsync(() -> channel.reply(("ok:" + text).getBytes(StandardCharsets.UTF_8)));
            return true;
        });
        return cluster;
    }

    /** A client reading the shared options, its secret key from the default environment variable. */
    private ZeroMqClientTransport client(TestCluster<?> cluster, CurveKeys.KeyPair keys, ReceivedReplies inbox) {
        ZeroMqSettings settings = ZeroMqSettings.forClient(new Options(sharedOptions(Map.of()), "transportOptions"),
                name -> name.equals(ZeroMqSettings.DEFAULT_CLIENT_SECRET_KEY_ENV) ? keys.secretKey() : null);
        ZeroMqClientTransport client = new ZeroMqClientTransport(settings);
        toClose.add(client);
        client.start(cluster.config, inbox);
        return client;
    }

    private void awaitServed(ZeroMqClientTransport client, ReceivedReplies replies, String request) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            client.send(1, request.getBytes(StandardCharsets.UTF_8));
            return replies.from(1).contains("ok:" + request);
        });
    }

    @Test
    void aListedClientIsServedAndAnUnlistedOneGetsNothingThrough() {
        TestCluster<TestMessage> cluster = members(Map.of());
        ReceivedReplies intruderReplies = new ReceivedReplies();
        ZeroMqClientTransport intruder = client(cluster, unlistedClient, intruderReplies);
        ReceivedReplies replies = new ReceivedReplies();
        ZeroMqClientTransport listed = client(cluster, listedClient, replies);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            intruder.send(1, "intruder".getBytes(StandardCharsets.UTF_8));
            listed.send(1, "listed".getBytes(StandardCharsets.UTF_8));
            return cluster.transport(1).stats().rejected(RejectReason.AUTH_DENIED) > 0
                    && replies.from(1).contains("ok:listed");
        });
        assertThat(served).isNotEmpty().allMatch("listed"::equals);
        assertThat(intruderReplies.all()).isEmpty();
        assertThat(intruder.stats().received()).isZero();
    }

    @Test
    void allowAnyClientAdmitsAnUnlistedKey() {
        TestCluster<TestMessage> cluster = members(Map.of("allowAnyClient", List.of("true")));
        ReceivedReplies replies = new ReceivedReplies();
        awaitServed(client(cluster, unlistedClient, replies), replies, "anyone");
        assertThat(cluster.transport(1).stats().rejected(RejectReason.AUTH_DENIED)).isZero();
        // The in-process wake-up, asked for by each reply from another thread, works beside CURVE.
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.transport(1).routerWakeups() > 0);
    }

    @Test
    void aClientKeyCannotPassForAMember() {
        TestCluster<TestMessage> cluster = members(Map.of());
        try (ZContext raw = new ZContext()) {
            ZMQ.Socket impostor = raw.createSocket(SocketType.DEALER);
            impostor.setLinger(0);
            impostor.setHandshakeIvl(TestCluster.RAW_HANDSHAKE_MILLIS);
            impostor.setIdentity("2".getBytes(StandardCharsets.US_ASCII));
            impostor.setCurveServerKey(ZMQ.Curve.z85Decode(memberKeys.get(1).publicKey()));
            impostor.setCurvePublicKey(ZMQ.Curve.z85Decode(listedClient.publicKey()));
            impostor.setCurveSecretKey(ZMQ.Curve.z85Decode(listedClient.secretKey()));
            impostor.connect(Sockets.tcpEndpoint("127.0.0.1", cluster.port(1)));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                byte[] frame = new byte[16];
                ByteBuffer.wrap(frame).putInt(2).putInt(1).putLong(99);
                impostor.send(frame, ZMQ.DONTWAIT);
                return cluster.transport(1).stats().rejected(RejectReason.IDENTITY_MISMATCH) > 0;
            });
            assertThat(cluster.inbox(1).from(2)).noneMatch(m -> m.seq() == 99);
        }
    }
}
