package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.TransportContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting, closing, and what is left behind. */
class LifecycleTest {

    private static List<Thread> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ZeroMqTransport.THREAD_NAME_PREFIX))
                .toList();
    }

    /** The transport's own threads (not ZeroMQ's, which end shortly after the context). */
    private static List<String> ownThreadsAlive(int member) {
        String prefix = ZeroMqTransport.THREAD_NAME_PREFIX + member + "-";
        return transportThreads().stream().map(Thread::getName)
                .filter(n -> n.equals(prefix + "in") || n.equals(prefix + "out") || n.equals(prefix + "auth"))
                .toList();
    }

    @Test
    void closeStopsEveryThreadAndLaterSendsAreDroppedQuietly() {
        TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(3, id -> ZeroMqSettings.defaults());
        cluster.startAll().awaitAllLinks();
        assertThat(transportThreads()).extracting(Thread::getName)
                .contains("graft-zmq-1-in", "graft-zmq-1-out", "graft-zmq-2-in", "graft-zmq-3-out");
        ZeroMqTransport first = cluster.transport(1);

        for (int id = 1; id <= 3; id++) {
            cluster.transport(id).close();
            // close() waits for its threads, which have closed their sockets, then ends the ZeroMQ context.
            assertThat(ownThreadsAlive(id)).as("threads of member %d after close()", id).isEmpty();
        }
        cluster.close(); // closing again is harmless
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(transportThreads()).isEmpty());

        first.send(TestMessage.of(1, 2, 0));
        assertThat(first.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void membersInOneProcessShareOneZeroMqIoThreadThatEndsWithTheLastOfThem() {
        TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(3, id -> ZeroMqSettings.defaults());
        cluster.startAll().awaitAllLinks();
        assertThat(transportThreads()).extracting(Thread::getName)
                .filteredOn(n -> n.contains("iothread"))
                .containsExactly(ZeroMqTransport.THREAD_NAME_PREFIX + "shared-iothread-2");

        cluster.transport(1).close();
        cluster.awaitLink(2, 3); // the others still talk through the shared thread
        cluster.awaitLink(3, 2);
        assertThat(transportThreads()).extracting(Thread::getName).contains("graft-zmq-shared-iothread-2");

        cluster.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(transportThreads()).isEmpty());
    }

    @Test
    void closingAnUnstartedTransportDoesNothing() {
        ZeroMqTransport t = new ZeroMqTransport(ZeroMqSettings.defaults());
        t.send(TestMessage.of(1, 2, 0));
        t.close();
        assertThat(t.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void startsOnlyOnce() {
        try (TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(2, id -> ZeroMqSettings.defaults())) {
            ZeroMqTransport t = cluster.start(1);
            assertThatThrownBy(() -> t.start(new TransportContext(1, cluster.config, cluster.inbox(1))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("started once");
        }
    }

    @Test
    void aBusyPortFailsStartWithAClearMessageAndLeaksNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClusterConfig config = ClusterConfig.builder()
                    .member(7, "127.0.0.1", taken.getLocalPort())
                    .member(8, "127.0.0.1", TestCluster.freePort())
                    .build();
            ZeroMqTransport t = new ZeroMqTransport(ZeroMqSettings.defaults());
            assertThatThrownBy(() -> t.start(new TransportContext(7, config, RecordingInbox.forTestMessages())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tcp://127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("bindHost");
            t.close();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(transportThreads()).isEmpty());
    }
}
