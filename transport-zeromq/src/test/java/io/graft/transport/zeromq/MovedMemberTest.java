package io.graft.transport.zeromq;

import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.TransportContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member that restarts on a new address is reached there by the others once the membership they are given
 * lists the new address, in both directions, with nothing sent to the old address any more.
 */
class MovedMemberTest {
    private final AtomicLong seq = new AtomicLong();
    private final Map<Integer, ZeroMqTransport> transports = new HashMap<>();
    private final Map<Integer, RecordingInbox<TestMessage>> inboxes = new HashMap<>();

    @AfterEach
    void stop() {
        transports.values().forEach(ZeroMqTransport::close);
    }

    @Test
    @Timeout(90)
    void aMemberRestartedOnANewPortIsReachedThere() {
        ClusterConfig before = config(TestCluster.freePort(), TestCluster.freePort(), TestCluster.freePort());
        for (int id = 1; id <= 3; id++) {
            start(id, before);
        }
        awaitDelivery(1, 2);
        awaitDelivery(3, 2);
        awaitDelivery(2, 1);

        transports.remove(2).close();
        ClusterConfig after = config(before.member(1).port(), TestCluster.freePort(), before.member(3).port());
        start(2, after);
        transports.get(1).membersChanged(after.members().values());
        transports.get(3).membersChanged(after.members().values());

        awaitDelivery(1, 2);
        awaitDelivery(3, 2);
        awaitDelivery(2, 1);
        awaitDelivery(2, 3);
    }

    private static ClusterConfig config(int port1, int port2, int port3) {
        return ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME).member(1, "127.0.0.1", port1)
                .member(2, "127.0.0.1", port2).member(3, "127.0.0.1", port3).build();
    }

    private void start(int id, ClusterConfig config) {
        RecordingInbox<TestMessage> inbox = RecordingInbox.forTestMessages();
        ZeroMqTransport t = new ZeroMqTransport(ZeroMqSettings.defaults());
        t.start(new TransportContext(id, config, inbox));
        transports.put(id, t);
        inboxes.put(id, inbox);
    }

    /** Sends numbered messages until one sent in this call arrives. */
    private void awaitDelivery(int from, int to) {
        long first = seq.get() + 1;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            transports.get(from).send(TestMessage.of(from, to, seq.incrementAndGet()));
            return inboxes.get(to).from(from).stream().anyMatch(m -> m.seq() >= first);
        });
    }
}
