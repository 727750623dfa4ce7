package io.graft.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private InMemoryNetwork network;

    @AfterEach
    void closeNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void encodedModeDeliversBytesWithTheSenderAuthenticated() {
        network = InMemoryNetwork.builder().seed(1).build();
        try (TestNodes nodes = TestNodes.start(network, 3)) {
            TestMessage sent = new TestMessage(1, 2, 7, "héllo");
            nodes.transport(1).send(sent);

            List<RecordingInbox.Arrival> arrivals = nodes.inbox(2).arrivals();
            assertThat(arrivals).hasSize(1);
            RecordingInbox.Arrival arrival = arrivals.get(0);
            assertThat(arrival.encoded()).isTrue();
            assertThat(arrival.message()).isEqualTo(sent).isNotSameAs(sent);
            assertThat(arrival.authenticatedSender()).isEqualTo(1);
            assertThat(arrival.frameBytes()).isEqualTo(sent.encodedSize());
            assertThat(nodes.inbox(1).count()).isZero();
            assertThat(nodes.inbox(3).count()).isZero();
        }
    }

    @Test
    void authenticatedSenderIsTheTransportNotWhatTheMessageClaims() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 3)) {
            nodes.transport(3).send(TestMessage.of(1, 2, 0)); // member 3 pretends to be 1

            assertThat(nodes.inbox(2).arrivals()).singleElement()
                    .satisfies(a -> assertThat(a.authenticatedSender()).isEqualTo(3));
        }
    }

    @Test
    void byReferenceModeHandsOverTheSameObject() {
        network = InMemoryNetwork.builder().passByReference(true).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            TestMessage sent = TestMessage.of(2, 1, 3);
            nodes.transport(2).send(sent);

            assertThat(nodes.inbox(1).arrivals()).singleElement().satisfies(a -> {
                assertThat(a.encoded()).isFalse();
                assertThat(a.original()).isSameAs(sent);
            });
        }
    }

    @Test
    void countsMessagesAndEncodedBytesPerMember() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 3)) {
            TestMessage a = new TestMessage(1, 2, 1, "a");
            TestMessage b = new TestMessage(1, 3, 2, "a longer text");
            TestMessage c = new TestMessage(2, 1, 3, "");
            nodes.transport(1).send(a);
            nodes.transport(1).send(b);
            nodes.transport(2).send(c);

            assertThat(network.stats(1)).isEqualTo(
                    new NodeTrafficStats(2, a.encodedSize() + b.encodedSize(), 1, 0));
            assertThat(network.stats(2)).isEqualTo(new NodeTrafficStats(1, c.encodedSize(), 1, 0));
            assertThat(network.stats(3)).isEqualTo(new NodeTrafficStats(0, 0, 1, 0));
            assertThat(network.totalStats()).isEqualTo(new NodeTrafficStats(3,
                    a.encodedSize() + b.encodedSize() + c.encodedSize(), 3, 0));
            assertThat(a.encodedSize()).isEqualTo(21); // guards the arithmetic above against a zero-size bug
        }
    }

    @Test
    void byReferenceCountsEncodedSizeUnlessTurnedOff() {
        network = InMemoryNetwork.builder().passByReference(true).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            TestMessage m = TestMessage.of(1, 2, 0);
            nodes.transport(1).send(m);
            assertThat(network.stats(1).bytesSent()).isEqualTo(m.encodedSize());
        }
        network.close();

        network = InMemoryNetwork.builder().passByReference(true).countBytesByReference(false).build();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.send(1, 2, 0);
            assertThat(network.stats(1)).isEqualTo(new NodeTrafficStats(1, 0, 0, 0));
            assertThat(nodes.inbox(2).count()).isEqualTo(1);
        }
    }

    @Test
    void resetStatsStartsCountingAfresh() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.sendMany(1, 2, 5);
            network.resetStats();
            assertThat(network.totalStats()).isEqualTo(NodeTrafficStats.ZERO);

            nodes.send(2, 1, 0);
            assertThat(network.stats(2).messagesSent()).isEqualTo(1);
            assertThat(network.stats(1).messagesDelivered()).isEqualTo(1);
        }
    }

    @Test
    void messageToAnUnknownMemberIsDroppedAndCountedNotThrown() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.send(1, 9, 0);

            assertThat(network.stats(1)).isEqualTo(new NodeTrafficStats(1, TestMessage.of(1, 9, 0).encodedSize(), 0, 1));
            assertThat(network.stats(9)).isEqualTo(NodeTrafficStats.ZERO);
        }
    }

    @Test
    void messageToAClosedTransportIsDropped() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.transport(2).close();
            nodes.send(1, 2, 0);

            assertThat(nodes.inbox(2).count()).isZero();
            assertThat(network.stats(1).messagesDropped()).isEqualTo(1);
            assertThat(network.attachedMembers()).containsExactly(1);
        }
    }

    @Test
    void sendOnAClosedTransportIsDroppedQuietly() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.transport(1).close();
            nodes.transport(1).close(); // idempotent
            nodes.send(1, 2, 0);

            assertThat(nodes.inbox(2).count()).isZero();
            assertThat(network.stats(1)).isEqualTo(new NodeTrafficStats(0, 0, 0, 1));
        }
    }

    @Test
    void aRestartedMemberGetsMessagesAgain() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            nodes.transport(2).close();
            RecordingInbox fresh = new RecordingInbox();
            InMemoryTransport restarted = network.transport(2);
            restarted.start(new TransportContext(2, TestNodes.cluster(2), fresh));

            nodes.send(1, 2, 0);
            assertThat(fresh.count()).isEqualTo(1);
            assertThat(nodes.inbox(2).count()).isZero();
            restarted.close();
        }
    }

    @Test
    void unboundTransportTakesItsMemberFromTheContext() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 1)) {
            InMemoryTransport t = network.transport();
            assertThat(t.memberId()).isZero();
            t.start(new TransportContext(2, TestNodes.cluster(2), new RecordingInbox()));
            assertThat(t.memberId()).isEqualTo(2);

            t.send(TestMessage.of(2, 1, 0));
            assertThat(nodes.inbox(1).count()).isEqualTo(1);
            t.close();
        }
    }

    @Test
    void misuseFailsWithClearMessages() {
        network = InMemoryNetwork.create();
        TransportContext two = new TransportContext(2, TestNodes.cluster(2), new RecordingInbox());

        InMemoryTransport notStarted = network.transport(1);
        assertThatThrownBy(() -> notStarted.send(TestMessage.of(1, 2, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        assertThatThrownBy(() -> notStarted.start(two))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("made for member 1");
        assertThatThrownBy(() -> network.transport(0)).isInstanceOf(IllegalArgumentException.class);

        InMemoryTransport first = network.transport(2);
        first.start(two);
        assertThatThrownBy(() -> first.start(two))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        assertThatThrownBy(() -> network.transport(2).start(two))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already attached");
        first.close();
        assertThatThrownBy(() -> first.start(two))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        InMemoryTransport closedBeforeStart = network.transport(3);
        closedBeforeStart.close();
        assertThatCode(() -> closedBeforeStart.send(TestMessage.of(3, 2, 0))).doesNotThrowAnyException();
    }

    @Test
    void aMessageWhoseEncodingLiesAboutItsSizeFailsLoudly() {
        network = InMemoryNetwork.create();
        try (TestNodes nodes = TestNodes.start(network, 2)) {
            WireMessage tooShort = new LyingMessage(10, 4);
            WireMessage tooLong = new LyingMessage(4, 10);

            assertThatThrownBy(() -> nodes.transport(1).send(tooShort))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("encodeTo wrote 4 bytes");
            assertThatThrownBy(() -> nodes.transport(1).send(tooLong))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrote more than the 4 bytes");
            assertThat(nodes.inbox(2).count()).isZero();
        }
    }

    /** Declares one size and writes another. */
    private record LyingMessage(int declared, int written) implements WireMessage {
        @Override
        public int from() {
            return 1;
        }

        @Override
        public int to() {
            return 2;
        }

        @Override
        public int encodedSize() {
            return declared;
        }

        @Override
        public void encodeTo(ByteBuffer buffer) {
            buffer.put(new byte[written]);
        }
    }
}
