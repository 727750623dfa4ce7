package io.graft.api.metrics;

import java.util.Map;

/**
 * An optional capability of a {@link io.graft.api.transport.Transport}: counters of what it carried. A transport
 * that offers them implements this interface too; metrics binders check with {@code instanceof}.
 */
public interface TransportMetrics {

    /** The counters now: cumulative since the transport started, cheap to read (no locking on hot paths). */
    Traffic traffic();

    /**
     * What a transport carried since it started.
     *
     * @param messagesSent messages handed to the network
     * @param bytesSent their encoded size
     * @param messagesReceived messages received and handed to the member
     * @param bytesReceived their encoded size
     * @param dropped messages dropped, by reason (the transport's own names, e.g. {@code QUEUE_FULL})
     */
    record Traffic(long messagesSent, long bytesSent, long messagesReceived, long bytesReceived,
                             Map<String, Long> dropped) {

        /** Copies the map of drops. */
        public Traffic {
            dropped = Map.copyOf(dropped);
        }
    }
}
