package io.graft.transport.inmemory;

import io.graft.api.metrics.TransportMetrics;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * One node's attachment to an {@link InMemoryNetwork}. {@link #send} never blocks: it hands the message to
 * the network, which delivers it (or loses it, as the injected faults say) to the inbox of the member it is
 * addressed to. Messages to a member with no started transport are dropped and counted.
 */
public final class InMemoryTransport implements Transport, TransportMetrics {
    private final InMemoryNetwork network;
    private final int boundMemberId;
    private final boolean passByReference;
    private volatile Endpoint endpoint;
    private volatile boolean closed;

    /**
     * @param boundMemberId the member this transport is for, or {@code 0} to take it from the start context
     */
    InMemoryTransport(InMemoryNetwork network, int boundMemberId, boolean passByReference) {
        this.network = network;
        this.boundMemberId = boundMemberId;
        this.passByReference = passByReference;
    }

    /**
     * Attaches this node's inbox to the network under {@code context.self()}.
     *
     * @throws IllegalStateException if already started or closed, if the network is closed, or if another
     *                               open transport is attached for the same member
     * @throws IllegalArgumentException if this transport was made for a different member
     */
    @Override
    public synchronized void start(TransportContext context) {
        Objects.requireNonNull(context, "context");
        if (closed) {
            throw new IllegalStateException("this in-memory transport is closed; create a new one to restart a node");
        }
        if (endpoint != null) {
            throw new IllegalStateException("in-memory transport of member " + endpoint.memberId()
                    + " is already started");
        }
        int self = context.self();
        if (boundMemberId != 0 && boundMemberId != self) {
            throw new IllegalArgumentException("this transport was made for member " + boundMemberId
                    + " but is started by member " + self + "; use network.transport(" + self + ")");
        }
        Endpoint e = new Endpoint(self, Objects.requireNonNull(context.inbox(), "inbox"), network.countersOf(self));
        network.attach(e);
        endpoint = e;
    }

    /**
     * Sends {@code message} to {@code message.to()}. When the network encodes messages, the encoding is made
     * here, on the caller's thread, and delivered with this transport's member as the authenticated sender.
     *
     * <p>After {@link #close()} messages are dropped (and counted) silently.
     *
     * @throws IllegalStateException if called before {@link #start}, or if the message's encoding does not
     *                               have the size it declares (a codec bug worth failing loudly on)
     */
    @Override
    public void send(WireMessage message) {
        Endpoint self = endpoint;
        if (closed) {
            if (self != null) {
                self.counters().dropped();
            }
            return;
        }
        if (self == null) {
            throw new IllegalStateException("start() the in-memory transport before sending");
        }
        Parcel parcel;
        long bytes;
        if (passByReference) {
            parcel = new Parcel.ByReference(message);
            bytes = network.countsBytesByReference() ? message.encodedSize() : 0;
        } else {
            byte[] frame = encode(message);
            parcel = new Parcel.Encoded(self.memberId(), frame);
            bytes = frame.length;
        }
        self.counters().sent(bytes);
        network.route(self.memberId(), message.to(), parcel, self.counters());
    }

    /** Detaches from the network; messages to this member are dropped from now on. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        Endpoint e = endpoint;
        if (e != null) {
            network.detach(e);
        }
    }

    /** The network this transport is on. */
    public InMemoryNetwork network() {
        return network;
    }

    /** The member this transport serves: the started member, else the one it was made for, else {@code 0}. */
    public int memberId() {
        Endpoint e = endpoint;
        return e != null ? e.memberId() : boundMemberId;
    }

    /** Whether this transport hands over message objects rather than their encoding. */
    public boolean isPassByReference() {
        return passByReference;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** {@code message} encoded into exactly {@code encodedSize()} bytes. */
    static byte[] encode(WireMessage message) {
        int size = message.encodedSize();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            message.encodeTo(buffer);
        } catch (BufferOverflowException e) {
            throw new IllegalStateException(message.getClass().getName() + " wrote more than the "
                    + size + " bytes its encodedSize() declares", e);
        }
        if (buffer.position() != size) {
            throw new IllegalStateException(message.getClass().getName() + " declares encodedSize() " + size
                    + " but encodeTo wrote " + buffer.position() + " bytes");
        }
        return buffer.array();
    }

    /**
     * What this member sent and received, from the network's counters ({@link InMemoryNetwork#stats}); bytes
     * are counted only on a network that encodes messages, and received bytes not at all.
     */
    @Override
    public Traffic traffic() {
        Endpoint e = endpoint;
        if (e == null) {
            return new Traffic(0, 0, 0, 0, Map.of());
        }
        NodeTrafficStats s = network.stats(e.memberId());
        return new Traffic(s.messagesSent(), s.bytesSent(), s.messagesDelivered(), 0,
                Map.of("DROPPED", s.messagesDropped()));
    }
}
