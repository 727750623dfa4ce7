package io.graft.transport.zeromq;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ZeroMqStats}; updated from the transport's threads and from senders. */
final class TransportCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final LongAdder connectionsLost = new LongAdder();
    private final LongAdder redials = new LongAdder();
    private final LongAdder clientRequests = new LongAdder();
    private final LongAdder clientReplies = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

    TransportCounters() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    void sent(int bytes) {
        sent.increment();
        sentBytes.add(bytes);
    }

    void received(int bytes) {
        received.increment();
        receivedBytes.add(bytes);
    }

    void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    void connectionLost() {
        connectionsLost.increment();
    }

    void redialled() {
        redials.increment();
    }

    void clientRequest() {
        clientRequests.increment();
    }

    void clientReply() {
        clientReplies.increment();
    }

    ZeroMqStats snapshot() {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        dropped.forEach((r, n) -> d.put(r, n.sum()));
        Map<RejectReason, Long> j = new EnumMap<>(RejectReason.class);
        rejected.forEach((r, n) -> j.put(r, n.sum()));
        return new ZeroMqStats(sent.sum(), sentBytes.sum(), d, received.sum(), receivedBytes.sum(), j,
                connectionsLost.sum(), clientRequests.sum(), clientReplies.sum(), redials.sum());
    }
}
