package io.graft.transport.zeromq;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds how many connections the member's ROUTER holds at once. ZeroMQ accepts every connection and has no
 * limit of its own; each costs it buffers and an engine, so without a bound anyone who reaches the port could open
 * connections until memory or file descriptors run out. The ROUTER's monitor tells the sending thread of each
 * connection accepted, with its channel; one accepted while {@code maxConnections} are open is closed at once
 * (ZeroMQ then drops it as a broken connection) and counted ({@link RejectReason#TOO_MANY_CONNECTIONS}). A
 * connection counts until its channel closes, whoever closes it.
 *
 * <p>Used by the sending thread only.
 */
final class ConnectionCap {
    private final int maxConnections;
    private final TransportCounters counters;
    private final RateLimitedWarnings<Object> warnings;
    private final int self;
    private final List<SelectableChannel> open = new ArrayList<>();

    ConnectionCap(int self, int maxConnections, TransportCounters counters, RateLimitedWarnings<Object> warnings) {
        this.self = self;
        this.maxConnections = maxConnections;
        this.counters = counters;
        this.warnings = warnings;
    }

    /** The ROUTER accepted a connection on {@code channel}: it stays if fewer than the maximum are open. */
    void accepted(SelectableChannel channel) {
        if (channel == null || !channel.isOpen()) {
            return; // already gone
        }
        open.removeIf(c -> !c.isOpen());
        if (open.size() < maxConnections) {
            open.add(channel);
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closed as far as it goes
        }
        counters.rejected(RejectReason.TOO_MANY_CONNECTIONS);
        warnings.warn(RejectReason.TOO_MANY_CONNECTIONS, "zeromq transport of member {}: closed a new connection,"
                + " {} are open already (maxConnections)", self, maxConnections);
    }

    /** How many accepted connections are open (for tests). */
    int open() {
        open.removeIf(c -> !c.isOpen());
        return open.size();
    }
}
