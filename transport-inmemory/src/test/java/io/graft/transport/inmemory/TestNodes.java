package io.graft.transport.inmemory;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.TransportContext;
import java.util.HashMap;
import java.util.Map;

/** Members 1..n started on one network, each with a recording inbox. */
final class TestNodes implements AutoCloseable {
    private final Map<Integer, InMemoryTransport> transports = new HashMap<>();
    private final Map<Integer, RecordingInbox> inboxes = new HashMap<>();

    private TestNodes() {
    }

    static ClusterConfig cluster(int size) {
        ClusterConfig.Builder b = ClusterConfig.builder();
        for (int id = 1; id <= size; id++) {
            b.member(id, "127.0.0.1", 9000 + id);
        }
        return b.build();
    }

    /** Starts members {@code 1..size} on {@code network}. */
    static TestNodes start(InMemoryNetwork network, int size) {
        ClusterConfig cluster = cluster(size);
        TestNodes nodes = new TestNodes();
        for (int id = 1; id <= size; id++) {
            InMemoryTransport t = network.transport(id);
            RecordingInbox inbox = new RecordingInbox();
            t.start(new TransportContext(id, cluster, inbox));
            nodes.transports.put(id, t);
            nodes.inboxes.put(id, inbox);
        }
        return nodes;
    }

    InMemoryTransport transport(int id) {
        return transports.get(id);
    }

    RecordingInbox inbox(int id) {
        return inboxes.get(id);
    }

    /** Sends message {@code seq} from {@code from} to {@code to}. */
    void send(int from, int to, long seq) {
        transports.get(from).send(TestMessage.of(from, to, seq));
    }

    /** Sends {@code count} messages numbered 0.. from {@code from} to {@code to}. */
    void sendMany(int from, int to, int count) {
        for (int i = 0; i < count; i++) {
            send(from, to, i);
        }
    }

    @Override
    public void close() {
        transports.values().forEach(InMemoryTransport::close);
    }
}
