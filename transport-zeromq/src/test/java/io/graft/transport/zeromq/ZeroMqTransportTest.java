package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.Options;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.MessageCodec;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Members exchanging messages over real sockets on 127.0.0.1. */
class ZeroMqTransportTest {

    static TestCluster<Message> protocolCluster(int size, ZeroMqSettings settings) {
        return new TestCluster<>(size, MessageCodec::decode, id -> settings,
                (from, to) -> new VoteResponse(from, to, 0, false, true), m -> m.term() == 0);
    }

    @Test
    void threeMembersExchangeMessagesInOrderPerPeer() throws Exception {
        int count = 500;
        try (TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(3, id -> ZeroMqSettings.defaults())) {
            cluster.startAll().awaitAllLinks();

            List<Thread> senders = new ArrayList<>();
            for (int from = 1; from <= 3; from++) {
                int sender = from;
                Thread thread = new Thread(() -> {
                    for (long seq = 0; seq < count; seq++) {
                        for (int to = 1; to <= 3; to++) {
                            if (to != sender) {
                                cluster.transport(sender).send(new TestMessage(sender, to, seq, new byte[(int) seq % 64]));
                            }
                        }
                    }
                });
                thread.start();
                senders.add(thread);
            }
            for (Thread t : senders) {
                t.join();
            }

            List<Long> expected = LongStream.range(0, count).boxed().toList();
            for (int to = 1; to <= 3; to++) {
                for (int from = 1; from <= 3; from++) {
                    if (from == to) {
                        continue;
                    }
                    RecordingInbox<TestMessage> inbox = cluster.inbox(to);
                    int f = from;
                    await().atMost(Duration.ofSeconds(10)).until(() -> dataSeqs(inbox, f).size() == count);
                    assertThat(dataSeqs(inbox, from)).as("messages %d -> %d", from, to).isEqualTo(expected);
                }
            }
            for (int id = 1; id <= 3; id++) {
                ZeroMqStats stats = cluster.transport(id).stats();
                assertThat(stats.sent()).isGreaterThanOrEqualTo(2L * count);
                assertThat(stats.received()).isGreaterThanOrEqualTo(2L * count);
                assertThat(stats.dropped(DropReason.QUEUE_FULL)).isZero();
                assertThat(stats.totalRejected()).isZero();
            }
        }
    }

    private static List<Long> dataSeqs(RecordingInbox<TestMessage> inbox, int from) {
        return inbox.from(from).stream().filter(m -> m.seq() >= 0).map(TestMessage::seq).toList();
    }

    @Test
    void carriesRealProtocolMessages() {
        try (TestCluster<Message> cluster = protocolCluster(3, ZeroMqSettings.defaults())) {
            cluster.startAll().awaitAllLinks();
            Map<Integer, List<Message>> sentTo = Map.of(1, new ArrayList<>(), 2, new ArrayList<>(), 3, new ArrayList<>());
            for (int from = 1; from <= 3; from++) {
                for (int to = 1; to <= 3; to++) {
                    if (from == to) {
                        continue;
                    }
                    List<Message> batch = List.of(
                            new VoteRequest(from, to, 7, 41, 6, false, true),
                            new AppendRequest(from, to, 7, 40, 6, 39, List.of(
                                    LogEntry.command(41, 7, new byte[] {1, 2, 3}),
                                    LogEntry.noop(42, 7),
                                    LogEntry.command(43, 7, new byte[10_000]))),
                            new AppendRequest(from, to, 7, 43, 7, 40, List.of(
                                    LogEntry.command(44, 7, payload(1 << 20, from * 10 + to)))),
                            new AppendResponse(from, to, 7, false, 40, 12, 5),
                            new VoteResponse(from, to, 7, true, false));
                    batch.forEach(cluster.transport(from)::send);
                    sentTo.get(to).addAll(batch);
                }
            }
            for (int to = 1; to <= 3; to++) {
                for (int from = 1; from <= 3; from++) {
                    if (from == to) {
                        continue;
                    }
                    int f = from;
                    int t = to;
                    List<Message> expected = sentTo.get(to).stream().filter(m -> m.from() == f).toList();
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> realMessages(cluster.inbox(t), f).size() == expected.size());
                    assertThat(realMessages(cluster.inbox(to), from)).isEqualTo(expected);
                }
            }
        }
    }

    private static byte[] payload(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static List<Message> realMessages(RecordingInbox<Message> inbox, int from) {
        return inbox.from(from).stream().filter(m -> m.term() != 0).toList();
    }

    @Test
    void messagesResumeAfterAPeerRestartsTenTimes() {
        try (TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(3, id -> ZeroMqSettings.defaults())) {
            cluster.startAll().awaitAllLinks();
            for (int round = 0; round < 10; round++) {
                cluster.stop(2);
                cluster.start(2); // same port, new sockets, new inbox
                cluster.awaitLink(1, 2);
                cluster.awaitLink(3, 2);
                cluster.awaitLink(2, 1);
                cluster.awaitLink(2, 3);
            }
            // Every restart ended member 2's connection into member 1's bound socket.
            assertThat(cluster.transport(1).stats().connectionsLost()).isGreaterThanOrEqualTo(10);
            assertThat(cluster.transport(1).stats().totalRejected()).isZero();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang; not a performance check
    void sendingToAnAbsentPeerNeverBlocksAndBuffersBoundedly() {
        int queueBound = 16;
        ZeroMqSettings settings = ZeroMqSettings.from(options(Map.of("sendQueueMessages", List.of("" + queueBound),
                "maxMessageBytes", List.of("1024"), "sendQueueBytes", List.of("4096"))));
        try (TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(2, id -> settings)) {
            ZeroMqTransport t = cluster.start(1); // member 2 never starts
            int attempts = 50_000;
            int largestQueue = 0;
            for (int i = 0; i < attempts; i++) {
                t.send(new TestMessage(1, 2, i, new byte[100]));
                largestQueue = Math.max(largestQueue, t.queued(2));
            }
            t.send(TestMessage.of(1, 99, 0)); // not a member
            t.send(TestMessage.of(1, 1, 0)); // itself
            t.send(new TestMessage(1, 2, 0, new byte[2000])); // larger than maxMessageBytes

            assertThat(largestQueue).isLessThanOrEqualTo(queueBound);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ZeroMqStats s = t.stats();
                assertThat(s.dropped(DropReason.UNREACHABLE) + s.dropped(DropReason.QUEUE_FULL)).isEqualTo(attempts);
            });
            ZeroMqStats s = t.stats();
            assertThat(s.sent()).isZero();
            assertThat(s.dropped(DropReason.NO_ROUTE)).isEqualTo(2);
            assertThat(s.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
            assertThat(t.queued(2)).isZero();
        }
    }

    static Options options(Map<String, List<String>> values) {
        return new Options(values, "transportOptions");
    }
}
