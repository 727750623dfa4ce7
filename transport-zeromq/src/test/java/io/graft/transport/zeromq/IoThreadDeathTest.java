package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * When ZeroMQ's I/O thread dies, every member on it reports the failure ({@code TransportContext.failed}), so
 * that its node stops instead of living on deaf; and a transport started afterwards gets a new context that works.
 */
class IoThreadDeathTest {

    @Test
    @Timeout(60)
    void everyMemberOnADeadIoThreadReportsTheFailureAndLaterTransportsGetANewContext() {
        try (TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(2, id -> ZeroMqSettings.defaults())
                .startAll()) {
            cluster.awaitAllLinks();

            killSharedIoThread();

            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.failure(1).isPresent()
                    && cluster.failure(2).isPresent());
            assertThat(cluster.failure(1).orElseThrow()).hasMessageContaining("died of")
                    .hasRootCauseInstanceOf(OutOfMemoryError.class);
            setAsideThreadsOfTheDeadContext();

            try (TestCluster<TestMessage> fresh = TestCluster.ofTestMessages(2, id -> ZeroMqSettings.defaults())
                    .startAll()) {
                fresh.awaitAllLinks();
                assertThat(fresh.failure(1)).isEmpty();
            }
        }
    }

    /**
     * The dead context's reaper lives on (terminating the context would wait for the dead I/O thread forever):
     * renamed, it is not taken for a thread of the transports that later tests start and count.
     */
    private static void setAsideThreadsOfTheDeadContext() {
        String shared = ZeroMqTransport.THREAD_NAME_PREFIX + "shared-";
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(shared))
                .forEach(t -> t.setName("dead-context-of-IoThreadDeathTest-" + t.getName()));
    }

    /** Makes the shared context's I/O thread allocate through an allocator that throws an {@link Error}. */
    private static void killSharedIoThread() {
        ContextLease lease = ContextLease.shared(0, 0);
        ZMQ.Socket push = lease.context().createSocket(SocketType.PUSH);
        ZMQ.Socket pull = lease.context().createSocket(SocketType.PULL);
        pull.setMsgAllocator(size -> {
            throw new OutOfMemoryError("a stand-in for the real thing, thrown on ZeroMQ's I/O thread");
        });
        int port = push.bindToRandomPort("tcp://127.0.0.1");
        pull.connect("tcp://127.0.0.1:" + port);
        push.send(new byte[] {1, 2, 3}, 0);
        // The lease is left as it is: its context's thread is dead, and closing its sockets would wait for it.
    }
}
