package io.graft.metrics.micrometer;

import io.graft.api.metrics.TransportMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Counters that read a transport's own cumulative {@link TransportMetrics#traffic()} when the registry asks:
 * messages and bytes sent and received, and messages dropped per reason. Reasons appear as the transport first
 * drops for them, so {@link #discoverDropReasons()} is called again from time to time; each new one gets its
 * counter (tagged with the reason in lower case).
 */
final class TransportMeters {
    private final TransportMetrics transport;
    private final MeterSet meters;
    private final Tags tags;
    private final Set<String> reasons = new HashSet<>();

    TransportMeters(TransportMetrics transport, MeterSet meters, Tags tags) {
        this.transport = transport;
        this.meters = meters;
        this.tags = tags;
        counter(GraftMeterNames.TRANSPORT_MESSAGES_SENT, "Messages the transport handed to the network", tags,
                t -> t.traffic().messagesSent());
        counter(GraftMeterNames.TRANSPORT_MESSAGES_RECEIVED, "Messages the transport received", tags,
                t -> t.traffic().messagesReceived());
        counter(GraftMeterNames.TRANSPORT_BYTES_SENT, "Encoded bytes of the messages sent", tags,
                t -> t.traffic().bytesSent());
        counter(GraftMeterNames.TRANSPORT_BYTES_RECEIVED, "Encoded bytes of the messages received", tags,
                t -> t.traffic().bytesReceived());
        discoverDropReasons();
    }

    /** Registers a counter for each reason the transport dropped messages for that has none yet. */
    synchronized void discoverDropReasons() {
        for (String reason : transport.traffic().dropped().keySet()) {
            if (reasons.add(reason)) {
                counter(GraftMeterNames.TRANSPORT_MESSAGES_DROPPED, "Messages the transport dropped",
                        tags.and(GraftMeterNames.TAG_REASON, reason.toLowerCase(Locale.ROOT)),
                        t -> t.traffic().dropped().getOrDefault(reason, 0L));
            }
        }
    }

    /** {@code transport} is held here: a function counter keeps only a weak reference to what it reads. */
    private void counter(String name, String description, Tags counterTags, ToDoubleFunction<TransportMetrics> value) {
        meters.keep(FunctionCounter.builder(name, transport, value).tags(counterTags).description(description)
                .register(meters.registry()));
    }
}
