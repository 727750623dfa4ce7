package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Options;
import io.graft.api.transport.TransportContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection that goes silent without closing (its route vanished: the container tests' network splits do
 * this) is noticed by the sender's probes and dialled afresh, so messages flow again without any restart.
 */
class StalledConnectionTest {

    private static ZeroMqSettings fastProbes() {
        return ZeroMqSettings.from(new Options(Map.of("heartbeatMillis", List.of("100"),
                "heartbeatTimeoutMillis", List.of("500")), "transportOptions"));
    }

    @Test
    @Timeout(60)
    void aSilentConnectionIsDialledAgainAndMessagesFlowOnceMore() throws Exception {
        int port1 = TestCluster.freePort();
        int port2 = TestCluster.freePort();
        try (StallingProxy proxy = new StallingProxy(port2)) {
            // Member 1 reaches member 2 only through the proxy; member 2 binds its real port.
            ClusterConfig seenBy1 = ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME)
                    .member(1, "127.0.0.1", port1).member(2, "127.0.0.1", proxy.port()).build();
            ClusterConfig seenBy2 = ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME)
                    .member(1, "127.0.0.1", port1).member(2, "127.0.0.1", port2).build();
            RecordingInbox<TestMessage> inbox1 = new RecordingInbox<>(TestMessage::decode);
            RecordingInbox<TestMessage> inbox2 = new RecordingInbox<>(TestMessage::decode);
            ZeroMqTransport one = new ZeroMqTransport(fastProbes());
            ZeroMqTransport two = new ZeroMqTransport(fastProbes());
            try {
                two.start(new TransportContext(2, seenBy2, inbox2));
                one.start(new TransportContext(1, seenBy1, inbox1));
                AtomicLong seq = new AtomicLong();
                awaitDelivery(one, inbox2, seq);
                int dialledBefore = proxy.connectionsAccepted();

                proxy.stallExisting();
                long firstAfterStall = seq.get() + 1;
                awaitDelivery(one, inbox2, seq);

                assertThat(inbox2.from(1).stream().anyMatch(m -> m.seq() >= firstAfterStall))
                        .as("a message sent after the stall arrived").isTrue();
                assertThat(proxy.connectionsAccepted()).as("member 1 dialled again").isGreaterThan(dialledBefore);
                assertThat(one.stats().redials()).isPositive();
            } finally {
                one.close();
                two.close();
            }
        }
    }

    /** Sends numbered messages from member 1 to member 2 until one sent in this call arrives. */
    private static void awaitDelivery(ZeroMqTransport from, RecordingInbox<TestMessage> to, AtomicLong seq) {
        long first = seq.get() + 1;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            from.send(TestMessage.of(1, 2, seq.incrementAndGet()));
            return to.from(1).stream().anyMatch(m -> m.seq() >= first);
        });
    }
}
