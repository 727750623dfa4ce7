package io.graft.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayAndReorderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private InMemoryNetwork network;

    @AfterEach
    void closeNetwork() {
        if (network != null) {
            network.close();
        }
    }

    private static List<Long> upTo(int n) {
        return LongStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void delayedMessagesAllArriveEventuallyAndOvertakeEachOther() {
        network = InMemoryNetwork.builder().seed(11).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDelay(Duration.ofMillis(1), Duration.ofMillis(20));
            nodes.sendMany(1, 2, 500);

            await().atMost(DEADLINE).until(() -> nodes.inbox(2).count() == 500);
            List<Long> seqs = nodes.inbox(2).seqs();
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(upTo(500)).isNotEqualTo(upTo(500));
            assertThat(network.stats(2).messagesDelivered()).isEqualTo(500);
            assertThat(network.stats(1).messagesDropped()).isZero();
            assertThat(network.delayedInFlight()).isZero();
        }
    }

    @Test
    void reorderRateLetsLaterMessagesOvertakeWithoutAnyDelaySet() {
        network = InMemoryNetwork.builder().seed(12).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setReorderRate(0.1);
            nodes.sendMany(1, 2, 1_000);

            await().atMost(DEADLINE).until(() -> nodes.inbox(2).count() == 1_000);
            assertThat(nodes.inbox(2).seqs()).containsExactlyInAnyOrderElementsOf(upTo(1_000))
                    .isNotEqualTo(upTo(1_000));
        }
    }

    @Test
    void delayedDuplicatesArriveTwice() {
        network = InMemoryNetwork.builder().seed(13).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDelay(Duration.ofMillis(1), Duration.ofMillis(5));
            network.setDuplicateRate(1.0);
            nodes.sendMany(1, 2, 50);

            await().atMost(DEADLINE).until(() -> nodes.inbox(2).count() == 100);
            assertThat(nodes.inbox(2).seqs().stream().distinct().count()).isEqualTo(50);
        }
    }

    @Test
    void aNetworkWithoutDelaysRunsNoThread() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.sendMany(1, 2, 10);
            assertThat(Threads.isAlive(Threads.deliveryThreadOf(network))).isFalse();
        }
    }

    @Test
    void closingTheNetworkDiscardsDelayedMessagesAndStopsItsThread() {
        network = InMemoryNetwork.create();
        TestNodes nodes = TestNodes.start(network, 2);
        network.setDelay(Duration.ofMillis(250), Duration.ofMillis(250));
        nodes.sendMany(1, 2, 50);
        String thread = Threads.deliveryThreadOf(network);
        assertThat(Threads.isAlive(thread)).isTrue();

        network.close();

        await().atMost(DEADLINE).until(() -> !Threads.isAlive(thread));
        // Without the close they would arrive after 250 ms.
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> nodes.inbox(2).count() == 0);
        assertThat(network.delayedInFlight()).isZero();

        nodes.send(1, 2, 99);
        assertThat(nodes.inbox(2).count()).isZero();
        assertThat(network.isClosed()).isTrue();
        nodes.close();
    }

    @Test
    void messagesInFlightToAClosedTransportAreDroppedAndCounted() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDelay(Duration.ofMillis(500), Duration.ofMillis(500));
            nodes.sendMany(1, 2, 20);
            nodes.transport(2).close();

            await().atMost(DEADLINE).until(() -> network.stats(1).messagesDropped() == 20);
            assertThat(nodes.inbox(2).count()).isZero();
        }
    }

    @Test
    void messagesInFlightAcrossANewlyCutLinkAreLost() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 3)) {
            network.setDelay(Duration.ofMillis(500), Duration.ofMillis(500));
            nodes.sendMany(1, 2, 10);
            nodes.sendMany(1, 3, 10);
            network.isolate(2);

            await().atMost(DEADLINE).until(() -> nodes.inbox(3).count() == 10);
            await().atMost(DEADLINE).until(() -> network.stats(1).messagesDropped() == 10);
            assertThat(nodes.inbox(2).count()).isZero();
        }
    }

    @Test
    void theDelayQueueIsBounded() {
        network = InMemoryNetwork.builder().maxDelayedMessages(10).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDelay(Duration.ofSeconds(30), Duration.ofSeconds(30));
            nodes.sendMany(1, 2, 15);

            assertThat(network.delayedInFlight()).isEqualTo(10);
            assertThat(network.stats(1).messagesDropped()).isEqualTo(5);
        }
    }
}
