package io.graft.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkFaultsTest {
    private InMemoryNetwork network;
    private TestNodes nodes;

    @BeforeEach
    void startFiveMembers() {
        network = InMemoryNetwork.builder().seed(3).build();
        nodes = TestNodes.start(network, 5);
    }

    @AfterEach
    void stop() {
        nodes.close();
        network.close();
    }

    /** Sends one message along every link and reports which arrived, as "from->to" pairs. */
    private Set<String> deliveredLinks() {
        network.resetStats();
        Set<String> delivered = new TreeSet<>();
        for (int from = 1; from <= 5; from++) {
            for (int to = 1; to <= 5; to++) {
                if (from == to) {
                    continue;
                }
                int before = nodes.inbox(to).count();
                nodes.send(from, to, 0);
                if (nodes.inbox(to).count() > before) {
                    delivered.add(from + "->" + to);
                }
            }
        }
        return delivered;
    }

    private static Set<String> allLinksAmong(int... members) {
        Set<String> links = new TreeSet<>();
        for (int a : members) {
            for (int b : members) {
                if (a != b) {
                    links.add(a + "->" + b);
                }
            }
        }
        return links;
    }

    @Test
    void everyLinkIsUpAtFirst() {
        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3, 4, 5));
    }

    @Test
    void isolateCutsAMemberOffBothWaysAndReconnectUndoesIt() {
        network.isolate(3);

        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 4, 5));
        assertThat(network.canReach(3, 1)).isFalse();
        assertThat(network.canReach(1, 3)).isFalse();
        assertThat(network.stats(3).messagesDropped()).isEqualTo(4);
        assertThat(network.stats(3).messagesDelivered()).isZero();

        network.reconnect(3);
        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3, 4, 5));
    }

    @Test
    void partitionLetsOnlyMembersOfOneGroupTalk() {
        network.partition(Set.of(1, 2), Set.of(3, 4, 5));

        Set<String> expected = new TreeSet<>(allLinksAmong(1, 2));
        expected.addAll(allLinksAmong(3, 4, 5));
        assertThat(deliveredLinks()).isEqualTo(expected);
    }

    @Test
    void membersInNoGroupAreCutOff() {
        network.partition(Set.of(1, 2, 3), Set.of(4));

        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3));
    }

    @Test
    void aNewPartitionReplacesTheOldOne() {
        network.partition(Set.of(1), Set.of(2, 3, 4, 5));
        network.partition(Set.of(1, 2, 3, 4), Set.of(5));

        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3, 4));
    }

    @Test
    void overlappingGroupsAreRefused() {
        assertThatThrownBy(() -> network.partition(Set.of(1, 2), Set.of(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member 2 is in two");
        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3, 4, 5));
    }

    @Test
    void oneWayCutIsAsymmetric() {
        network.cut(1, 2);

        Set<String> expected = new TreeSet<>(allLinksAmong(1, 2, 3, 4, 5));
        expected.remove("1->2");
        assertThat(deliveredLinks()).isEqualTo(expected);

        network.uncut(1, 2);
        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3, 4, 5));
    }

    @Test
    void reconnectAlsoRestoresCutsOfThatMemberButKeepsThePartition() {
        network.cut(1, 2);
        network.cut(3, 4);
        network.partition(Set.of(1, 2, 3, 4));
        network.reconnect(1);

        Set<String> expected = new TreeSet<>(allLinksAmong(1, 2, 3, 4));
        expected.remove("3->4");
        assertThat(deliveredLinks()).isEqualTo(expected);
    }

    @Test
    void healBringsEveryLinkBack() {
        network.isolate(5);
        network.partition(Set.of(1, 2), Set.of(3));
        network.cut(2, 1);

        network.heal();

        assertThat(deliveredLinks()).isEqualTo(allLinksAmong(1, 2, 3, 4, 5));
    }

    @Test
    void healKeepsMessageFaults() {
        network.setDropRate(1.0);
        network.heal();

        assertThat(deliveredLinks()).isEmpty();
    }

    @Test
    void anIsolatedMembersMessagesAreAllLostWhateverTheDropRate() {
        network.isolate(2);
        network.setDropRate(0.5);
        nodes.sendMany(1, 2, 100);

        assertThat(nodes.inbox(2).count()).isZero();
        assertThat(network.stats(1).messagesDropped()).isEqualTo(100);
    }
}
