package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.TransportContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Members added to or removed from the cluster at run time are reached, or shut out, from then on. */
class MembershipChangeTest {
    private final AtomicLong seq = new AtomicLong();

    @Test
    @Timeout(60)
    void aMemberAddedAtRunTimeIsReachedAndARemovedOneIsShutOut() {
        ClusterConfig two = ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME)
                .member(1, "127.0.0.1", TestCluster.freePort()).member(2, "127.0.0.1", TestCluster.freePort())
                .build();
        ClusterConfig three = ClusterConfig.builder().transport(ZeroMqTransportProvider.NAME)
                .member(1, "127.0.0.1", two.member(1).port()).member(2, "127.0.0.1", two.member(2).port())
                .member(3, "127.0.0.1", TestCluster.freePort()).build();
        List<ZeroMqTransport> all = new ArrayList<>();
        try {
            List<RecordingInbox<TestMessage>> inboxes = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                inboxes.add(new RecordingInbox<>(TestMessage::decode));
                ZeroMqTransport t = new ZeroMqTransport(ZeroMqSettings.defaults());
                t.start(new TransportContext(id, id == 3 ? three : two, inboxes.get(id - 1)));
                all.add(t);
            }
            ZeroMqTransport one = all.get(0);
            ZeroMqTransport newcomer = all.get(2);
            awaitDelivery(one, 1, 2, inboxes.get(1));

            // Member 3 joined: member 1 learns of it (the node calls this when the configuration entry arrives).
            one.membersChanged(three.members().values());
            awaitDelivery(one, 1, 3, inboxes.get(2));
            awaitDelivery(newcomer, 3, 1, inboxes.get(0));
            awaitDelivery(one, 1, 2, inboxes.get(1)); // the existing peer is unaffected

            // Member 3 left again: member 1 no longer sends to it, nor accepts what it sends.
            one.membersChanged(two.members().values());
            long droppedBefore = one.stats().dropped(DropReason.NO_ROUTE);
            one.send(TestMessage.of(1, 3, seq.incrementAndGet()));
            assertThat(one.stats().dropped(DropReason.NO_ROUTE)).isEqualTo(droppedBefore + 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                newcomer.send(TestMessage.of(3, 1, seq.incrementAndGet()));
                return one.stats().rejected(RejectReason.UNKNOWN_SENDER) > 0;
            });
            awaitDelivery(one, 1, 2, inboxes.get(1));
        } finally {
            all.forEach(ZeroMqTransport::close);
        }
    }

    /** Sends numbered messages until one sent in this call arrives. */
    private void awaitDelivery(ZeroMqTransport from, int fromId, int toId, RecordingInbox<TestMessage> to) {
        long first = seq.get() + 1;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            from.send(TestMessage.of(fromId, toId, seq.incrementAndGet()));
            return to.from(fromId).stream().anyMatch(m -> m.seq() >= first);
        });
    }
}
