package io.graft.transport.zeromq;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one transport's counters since it started.
 *
 * <p>For a {@link ZeroMqClientTransport}: {@code sent} counts requests handed to ZeroMQ, {@code received}
 * replies delivered to the client, and the client counters stay 0.
 *
 * @param sent messages handed to ZeroMQ for a peer
 * @param sentBytes the bytes of those messages
 * @param dropped outgoing messages dropped, by reason (every reason is present, possibly 0)
 * @param received frames from a known member, handed to the inbox (including ones the inbox then refused)
 * @param receivedBytes the bytes of those frames
 * @param rejected incoming frames and handshakes refused, by reason (every reason is present, possibly 0)
 * @param connectionsLost connections to the bound socket that ended: peers or clients stopping, network errors,
 *                        failed handshakes (e.g. a client without CURVE), and connections ZeroMQ cut because a
 *                        frame exceeded {@code maxMessageBytes} (it refuses such a frame before reading it in)
 * @param clientRequests requests from remote clients handed to the inbox (including ones it then refused)
 * @param clientReplies replies to remote clients handed to ZeroMQ
 * @param redials times a connection to a peer was closed and dialled again because the peer did not answer its
 *                probes for {@code heartbeatTimeoutMillis} (a peer that is down counts once per timeout)
 */
public record ZeroMqStats(long sent, long sentBytes, Map<DropReason, Long> dropped, long received,
                          long receivedBytes, Map<RejectReason, Long> rejected, long connectionsLost,
                          long clientRequests, long clientReplies, long redials) {

    public ZeroMqStats {
        dropped = Collections.unmodifiableMap(new EnumMap<>(dropped));
        rejected = Collections.unmodifiableMap(new EnumMap<>(rejected));
    }

    /** The messages dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** The frames or handshakes refused for {@code reason}. */
    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    /** All dropped outgoing messages. */
    public long totalDropped() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** All refused incoming frames and handshakes. */
    public long totalRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
