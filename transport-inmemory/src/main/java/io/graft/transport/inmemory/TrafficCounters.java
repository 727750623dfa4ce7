package io.graft.transport.inmemory;

import java.util.concurrent.atomic.LongAdder;

/** One member's live traffic counters; LongAdders because many sender threads bump them at once. */
final class TrafficCounters {
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesDelivered = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();

    void sent(long bytes) {
        messagesSent.increment();
        bytesSent.add(bytes);
    }

    void delivered() {
        messagesDelivered.increment();
    }

    void dropped() {
        messagesDropped.increment();
    }

    NodeTrafficStats snapshot() {
        return new NodeTrafficStats(messagesSent.sum(), bytesSent.sum(), messagesDelivered.sum(),
                messagesDropped.sum());
    }

    void reset() {
        messagesSent.reset();
        bytesSent.reset();
        messagesDelivered.reset();
        messagesDropped.reset();
    }
}
