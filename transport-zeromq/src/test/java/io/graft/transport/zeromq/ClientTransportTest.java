package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.api.transport.ClientChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Remote clients over real sockets on 127.0.0.1, against members whose inboxes answer client requests the way
 * a node does: some at once on the receiving thread (a follower's "not leader"), most later from another thread
 * (a leader, once the command is applied).
 */
class ClientTransportTest {
    private final ExecutorService applyThread = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        applyThread.shutdownNow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Members 1 and 2 that echo "<member>:<request>", inline for requests starting with 'i', else later. */
    private TestCluster<TestMessage> echoingMembers(ZeroMqSettings settings) {
        TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(2, id -> settings);
        toClose.add(cluster);
        cluster.startAll();
        for (int id = 1; id <= 2; id++) {
            int member = id;
            cluster.inbox(id).onClientRequest((channel, request) -> {
                byte[] reply = bytes(member + ":" + text(request));
                if (request.length > 0 && request[0] == 'i') {
                    channel.reply(reply);
                } else {
                    applyThread.execute(() -> channel.reply(reply));
                }
                return true;
            });
        }
        return cluster;
    }

    private ZeroMqClientTransport client(TestCluster<?> cluster, ReceivedReplies inbox) {
        ZeroMqClientTransport client = new ZeroMqClientTransport(ZeroMqSettings.defaults());
        toClose.add(client);
        client.start(cluster.config, inbox);
        return client;
    }

    private ZMQ.Socket rawClient(ZContext raw, String identity, int port) {
        ZMQ.Socket s = raw.createSocket(SocketType.DEALER);
        s.setIdentity(identity.getBytes(StandardCharsets.US_ASCII));
        s.setLinger(0);
        s.setHandshakeIvl(TestCluster.RAW_HANDSHAKE_MILLIS);
        s.connect(Sockets.tcpEndpoint("127.0.0.1", port));
        return s;
    }

    @Test
    void eachRequestIsAnsweredByTheMemberItWasSentTo() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        ReceivedReplies replies = new ReceivedReplies();
        ZeroMqClientTransport client = client(cluster, replies);
        // Sent once each, right after start: requests wait in ZeroMQ while the connections are being made.
        List<String> requests = IntStream.range(0, 200).mapToObj(i -> (i % 3 == 0 ? "i" : "r") + i).toList();
        for (String r : requests) {
            client.send(1, bytes(r));
            client.send(2, bytes(r));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> replies.all().size() == 2 * requests.size());
        assertThat(replies.from(1)).containsExactlyInAnyOrderElementsOf(requests.stream().map(r -> "1:" + r).toList());
        assertThat(replies.from(2)).containsExactlyInAnyOrderElementsOf(requests.stream().map(r -> "2:" + r).toList());
        for (int id = 1; id <= 2; id++) {
            ZeroMqStats member = cluster.transport(id).stats();
            assertThat(member.clientRequests()).isEqualTo(requests.size());
            assertThat(member.clientReplies()).isEqualTo(requests.size());
            assertThat(member.totalDropped()).isZero();
            assertThat(member.totalRejected()).isZero();
            assertThat(member.received()).as("client requests are not protocol messages").isZero();
        }
        ZeroMqStats stats = client.stats();
        assertThat(stats.sent()).isEqualTo(2L * requests.size());
        assertThat(stats.received()).isEqualTo(2L * requests.size());
        assertThat(stats.totalDropped()).isZero();
    }

    @Test
    void repliesFromAnotherThreadWakeTheReceivingThread() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        ReceivedReplies replies = new ReceivedReplies();
        ZeroMqClientTransport client = client(cluster, replies);
        // One at a time: each reply, queued by another thread, goes out after a wake-up frame (or, were that
        // broken, only after the receiving thread's 100 ms timeout).
        for (int i = 0; i < 20; i++) {
            int sent = i + 1;
            client.send(1, bytes("r" + i));
            await().atMost(Duration.ofSeconds(20)).until(() -> replies.from(1).size() == sent);
        }
        assertThat(cluster.transport(1).stats().clientReplies()).isEqualTo(20);
        // A wake-up frame may still be on its way when the reply it was asked for has already gone out.
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.transport(1).routerWakeups() > 0);
    }

    @Test
    void twoClientsGetOnlyTheirOwnReplies() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        ReceivedReplies first = new ReceivedReplies();
        ReceivedReplies second = new ReceivedReplies();
        ZeroMqClientTransport a = client(cluster, first);
        ZeroMqClientTransport b = client(cluster, second);
        for (int i = 0; i < 50; i++) {
            a.send(1, bytes("a" + i));
            b.send(1, bytes("b" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> first.all().size() == 50 && second.all().size() == 50);
        assertThat(first.from(1)).allMatch(t -> t.startsWith("1:a"));
        assertThat(second.from(1)).allMatch(t -> t.startsWith("1:b"));
    }

    @Test
    void badClientFramesAreCountedAndTheMemberKeepsServing() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        cluster.inbox(1).onClientRequest((channel, request) -> {
            if (request.length == 0 || request[0] == 'X') {
                return false; // as a node refuses a request that does not decode
            }
            channel.reply(bytes("1:" + text(request)));
            return true;
        });
        try (ZContext raw = new ZContext()) {
            ZMQ.Socket rogue = rawClient(raw, "crogue", cluster.port(1));
            // A good request is answered (the raw DEALER holds it until its connection is up).
            rogue.send(bytes("ping"), 0);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                byte[] reply = rogue.recv(ZMQ.DONTWAIT);
                return reply != null && text(reply).equals("1:ping");
            });
            long requestsBefore = cluster.transport(1).stats().clientRequests();
            rogue.send(bytes("Xgarbage"), 0);
            rogue.send(new byte[0], 0);
            rogue.sendMore(bytes("two"));
            rogue.send(bytes("frames"), 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ZeroMqStats s = cluster.transport(1).stats();
                assertThat(s.rejected(RejectReason.CLIENT_REQUEST_REFUSED)).isEqualTo(2);
                assertThat(s.rejected(RejectReason.MALFORMED_MULTIPART)).isEqualTo(1);
                assertThat(s.clientRequests()).isEqualTo(requestsBefore + 2);
            });
            // A well-behaved client is still served.
            ReceivedReplies replies = new ReceivedReplies();
            client(cluster, replies).send(1, bytes("after"));
            await().atMost(Duration.ofSeconds(20)).until(() -> replies.from(1).contains("1:after"));
        }
    }

    @Test
    void aReplyToAClientThatHasGoneIsDroppedAndCounted() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        List<ClientChannel> held = new CopyOnWriteArrayList<>();
        cluster.inbox(1).onClientRequest((channel, request) -> held.add(channel));
        try (ZContext raw = new ZContext()) {
            ZMQ.Socket gone = rawClient(raw, "cgone", cluster.port(1));
            gone.send(bytes("hello"), 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> !held.isEmpty());
            long lost = cluster.transport(1).stats().connectionsLost();
            raw.destroySocket(gone);
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.transport(1).stats().connectionsLost() > lost);
            held.get(0).reply(bytes("too late"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    cluster.transport(1).stats().dropped(DropReason.CLIENT_UNREACHABLE) == 1);
            assertThat(cluster.transport(1).stats().clientReplies()).isZero();
        }
    }

    @Test
    void theReplyQueueIsBoundedAndDropsWhatDoesNotFit() throws Exception {
        ZeroMqSettings settings = ZeroMqSettings.from(ZeroMqTransportTest.options(
                Map.of("clientReplyQueueMessages", List.of("2"))));
        TestCluster<TestMessage> cluster = echoingMembers(settings);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        List<ClientChannel> held = new CopyOnWriteArrayList<>();
        cluster.inbox(1).onClientRequest((channel, request) -> {
            held.add(channel);
            if (text(request).equals("block")) {
                blocked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS); // holds the receiving thread: nothing is drained
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        });
        ReceivedReplies replies = new ReceivedReplies();
        ZeroMqClientTransport client = client(cluster, replies);
        client.send(1, bytes("block"));
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            held.get(0).reply(bytes("reply-" + i)); // from this thread, while the receiving thread is held
        }
        assertThat(cluster.transport(1).stats().dropped(DropReason.CLIENT_REPLY_QUEUE_FULL)).isEqualTo(3);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.from(1).size() == 2);
        assertThat(replies.from(1)).containsExactly("reply-0", "reply-1");
    }

    @Test
    void sendsThatCannotGoAreDroppedAndCounted() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        ZeroMqClientTransport client = client(cluster, new ReceivedReplies());
        client.send(7, bytes("nobody"));
        client.send(1, new byte[ZeroMqSettings.DEFAULT_MAX_MESSAGE_BYTES + 1]);
        assertThat(client.stats().dropped(DropReason.NO_ROUTE)).isEqualTo(1);
        assertThat(client.stats().dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        client.close();
        client.send(1, bytes("after close"));
        assertThat(client.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
        assertThatThrownBy(() -> client.start(cluster.config, new ReceivedReplies()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    }

    @Test
    void anIdleClientSleepsInsteadOfSpinning() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        ReceivedReplies replies = new ReceivedReplies();
        ZeroMqClientTransport client = client(cluster, replies);
        for (int i = 0; i < 20; i++) {
            client.send(1, bytes("r" + i));
            client.send(2, bytes("i" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> replies.all().size() == 40);
        long before = client.loopPasses();
        // Idle, the loop wakes once per 100 ms poll timeout; a spinning one would pass thousands of times.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> client.loopPasses() - before < 100);
    }

    @Test
    void closeStopsTheClientsThreadsPromptly() {
        TestCluster<TestMessage> cluster = echoingMembers(ZeroMqSettings.defaults());
        ReceivedReplies replies = new ReceivedReplies();
        ZeroMqClientTransport client = client(cluster, replies);
        client.send(1, bytes("r"));
        await().atMost(Duration.ofSeconds(20)).until(() -> replies.all().size() == 1);
        assertThat(clientThreads()).isNotEmpty();
        client.close();
        assertThat(clientThreads()).as("the client's own thread, joined by close()")
                .noneMatch(name -> name.endsWith("-io"));
        client.close(); // idempotent
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(clientThreads()).isEmpty());
    }

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ZeroMqClientTransport.THREAD_NAME_PREFIX))
                .map(Thread::getName)
                .toList();
    }
}
