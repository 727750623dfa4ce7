package io.graft.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageFaultsTest {
    private static final int MESSAGES = 10_000;

    private InMemoryNetwork network;

    @AfterEach
    void closeNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void dropRateLosesAboutThatShareOfMessages() {
        network = InMemoryNetwork.builder().seed(42).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDropRate(0.3);
            nodes.sendMany(1, 2, MESSAGES);

            NodeTrafficStats sender = network.stats(1);
            assertThat(sender.messagesSent()).isEqualTo(MESSAGES);
            assertThat((double) sender.messagesDropped() / MESSAGES).isBetween(0.25, 0.35);
            assertThat(network.stats(2).messagesDelivered()).isEqualTo(MESSAGES - sender.messagesDropped());
            assertThat(nodes.inbox(2).seqs()).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void duplicateRateDeliversAboutThatShareTwice() {
        network = InMemoryNetwork.builder().seed(42).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDuplicateRate(0.2);
            nodes.sendMany(1, 2, MESSAGES);

            Map<Long, Integer> copies = copiesPerSeq(nodes.inbox(2).seqs());
            assertThat(copies).hasSize(MESSAGES); // nothing lost
            assertThat(copies.values()).allMatch(n -> n == 1 || n == 2);
            long twice = copies.values().stream().filter(n -> n == 2).count();
            assertThat((double) twice / MESSAGES).isBetween(0.15, 0.25);
            assertThat(network.stats(2).messagesDelivered()).isEqualTo(MESSAGES + twice);
            assertThat(network.stats(1).messagesSent()).isEqualTo(MESSAGES);
            assertThat(network.stats(1).messagesDropped()).isZero();
        }
    }

    @Test
    void sameSeedMakesTheSameDropAndDuplicateDecisions() {
        List<Long> first = arrivalsWithLossAndDuplicates(7);
        List<Long> second = arrivalsWithLossAndDuplicates(7);
        List<Long> otherSeed = arrivalsWithLossAndDuplicates(8);

        assertThat(first).hasSizeBetween(500, 1_000).isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private List<Long> arrivalsWithLossAndDuplicates(long seed) {
        try (InMemoryNetwork net = InMemoryNetwork.builder().seed(seed).build();
             TestNodes nodes = TestNodes.start(net, 2)) {
            net.setDropRate(0.3);
            net.setDuplicateRate(0.3);
            nodes.sendMany(1, 2, 1_000);
            assertThat(net.seed()).isEqualTo(seed);
            return nodes.inbox(2).seqs();
        }
    }

    @Test
    void reliableEndsMessageFaultsButKeepsThePartition() {
        network = InMemoryNetwork.builder().seed(1).build();
        try (TestNodes nodes = TestNodes.start(network, 3)) {
            network.setDropRate(1.0);
            network.setDuplicateRate(1.0);
            network.setDelay(Duration.ofSeconds(5), Duration.ofSeconds(10));
            network.setReorderRate(1.0);
            network.partition(Set.of(1, 2), Set.of(3));

            network.reliable();
            nodes.send(1, 2, 0);
            nodes.send(1, 3, 1);

            assertThat(nodes.inbox(2).seqs()).containsExactly(0L); // at once, once
            assertThat(nodes.inbox(3).count()).isZero();
            assertThat(network.delayedInFlight()).isZero();
        }
    }

    @Test
    void dropRateOfOneLosesEverythingAndZeroNothing() {
        network = InMemoryNetwork.builder().seed(1).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            network.setDropRate(1.0);
            nodes.sendMany(1, 2, 100);
            assertThat(nodes.inbox(2).count()).isZero();

            network.setDropRate(0.0);
            nodes.sendMany(1, 2, 100);
            assertThat(nodes.inbox(2).count()).isEqualTo(100);
            assertThat(network.stats(1).messagesDropped()).isEqualTo(100);
        }
    }

    @Test
    void invalidSettingsAreRefusedWithTheReason() {
        network = InMemoryNetwork.create();
        assertThatThrownBy(() -> network.setDropRate(1.5)).hasMessageContaining("drop rate must be a probability");
        assertThatThrownBy(() -> network.setDuplicateRate(-0.1)).hasMessageContaining("duplicate rate");
        assertThatThrownBy(() -> network.setReorderRate(Double.NaN)).hasMessageContaining("reorder rate");
        assertThatThrownBy(() -> network.setDelay(Duration.ofMillis(5), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> network.setDelay(Duration.ofMillis(-1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> network.setDelay(Duration.ZERO, Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    private static Map<Long, Integer> copiesPerSeq(List<Long> seqs) {
        Map<Long, Integer> copies = new HashMap<>();
        seqs.forEach(s -> copies.merge(s, 1, Integer::sum));
        return copies;
    }
}
