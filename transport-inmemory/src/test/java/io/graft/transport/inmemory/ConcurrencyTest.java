package io.graft.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int SENDERS = 4;
    private static final int PER_SENDER = 5_000;

    private InMemoryNetwork network;
    private final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        if (network != null) {
            network.close();
        }
    }

    /** Members 1..SENDERS each send PER_SENDER messages to member SENDERS + 1, all at once. */
    private void sendFromAllAtOnce(TestNodes nodes) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 1; s <= SENDERS; s++) {
            int sender = s;
            done.add(pool.submit(() -> {
                go.await();
                nodes.sendMany(sender, SENDERS + 1, PER_SENDER);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentSendersAreAllDeliveredAndCounted() throws Exception {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, SENDERS + 1)) {
            sendFromAllAtOnce(nodes);

            int receiver = SENDERS + 1;
            assertThat(nodes.inbox(receiver).count()).isEqualTo(SENDERS * PER_SENDER);
            assertThat(network.stats(receiver).messagesDelivered()).isEqualTo(SENDERS * PER_SENDER);
            long bytes = 0;
            for (int s = 1; s <= SENDERS; s++) {
                assertThat(network.stats(s).messagesSent()).isEqualTo(PER_SENDER);
                bytes += network.stats(s).bytesSent();
                // Undelayed messages from one sender arrive in the order sent.
                int sender = s;
                assertThat(nodes.inbox(receiver).arrivals().stream()
                        .filter(a -> a.message().from() == sender).map(a -> a.message().seq()))
                        .hasSize(PER_SENDER).isSorted();
            }
            long expectedBytes = nodes.inbox(receiver).arrivals().stream().mapToLong(a -> a.frameBytes()).sum();
            assertThat(bytes).isEqualTo(expectedBytes).isPositive();
            assertThat(network.totalStats().messagesDropped()).isZero();
        }
    }

    @Test
    void concurrentSendersWithFaultsAccountForEveryMessage() throws Exception {
        network = InMemoryNetwork.builder().seed(5).build();
        try (TestNodes nodes = TestNodes.start(network, SENDERS + 1)) {
            network.setDropRate(0.1);
            network.setDelay(Duration.ZERO, Duration.ofMillis(2));

            sendFromAllAtOnce(nodes);

            int total = SENDERS * PER_SENDER;
            await().atMost(Duration.ofSeconds(10)).until(() -> network.delayedInFlight() == 0
                    && network.totalStats().messagesDelivered() + network.totalStats().messagesDropped() == total);
            NodeTrafficStats stats = network.totalStats();
            assertThat(stats.messagesSent()).isEqualTo(total);
            assertThat(stats.messagesDropped()).isBetween((long) (total * 0.05), (long) (total * 0.15));
            assertThat(nodes.inbox(SENDERS + 1).count()).isEqualTo(stats.messagesDelivered());
        }
    }
}
