package io.graft.transport.zeromq;

import io.graft.api.transport.ClientInbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * The one thread of a {@link ZeroMqClientTransport}. It owns a DEALER per member and must both send requests
 * queued by any thread and receive replies from every member, so it waits in a ZeroMQ poll over the DEALERs
 * plus the read end of a pipe: {@link #wake} writes one byte to the pipe (non-blocking, so an interrupted
 * caller cannot close it, and at most one byte is in flight), which ends the poll. The poll asks each socket for
 * its events, which consumes the socket's own wake-up signals, so an idle loop sleeps for the whole timeout.
 */
final class ClientLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClientLoop.class);
    /** Replies taken from one member per pass, so one busy member cannot hold up sending. */
    private static final int MAX_REPLIES_PER_PASS = 256;

    private final String name;
    private final ZContext context;
    private final List<PeerLink> links;
    private final List<ZMQ.Socket> dealers = new ArrayList<>();
    /** The allocator of each DEALER's received frames, by the same index. */
    private final List<FrameAllocator> allocators = new ArrayList<>();
    private final ClientInbox inbox;
    private final TransportCounters counters;
    private final RateLimitedWarnings<Object> warnings = new RateLimitedWarnings<>(log);
    private final Pipe wakePipe;
    private final ByteBuffer drainBuffer = ByteBuffer.allocate(64);
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong passes = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Creates the DEALERs and starts dialling, on the calling thread; {@link #run} takes them over.
     *
     * @param name names this client in log lines
     * @param identity the routing identity every DEALER announces ({@link ClientIdentity})
     */
    ClientLoop(String name, ZContext context, byte[] identity, ZeroMqSettings settings, List<PeerLink> links,
               ClientInbox inbox, TransportCounters counters) {
        this.name = name;
        this.context = context;
        this.links = List.copyOf(links);
        this.inbox = inbox;
        this.counters = counters;
        try {
            wakePipe = Pipe.open();
            wakePipe.source().configureBlocking(false);
            wakePipe.sink().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the zeromq client's wake-up pipe", e);
        }
        Optional<CurveSettings> keys = settings.curve();
        for (PeerLink link : this.links) {
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            FrameAllocator frames = Sockets.frameAllocator(settings, counters);
            Sockets.configure(dealer, settings, frames);
            allocators.add(frames);
            dealer.setIdentity(identity);
            // Unlike a member's DEALER, queue while the connection is being made (up to the high-water mark): a
            // client's first request should not wait for a retry because TCP was still connecting.
            dealer.setSndHWM(settings.sendHighWaterMark());
            dealer.setRcvHWM(settings.receiveHighWaterMark());
            if (keys.isPresent()) {
                dealer.setCurveServerKey(keys.get().publicKeys().get(link.member().id()));
                dealer.setCurvePublicKey(CurveKeys.publicKeyOf(keys.get().secretKey()));
                dealer.setCurveSecretKey(keys.get().secretKey());
            }
            dealer.connect(Sockets.tcpEndpoint(link.member().host(), link.member().port()));
            dealers.add(dealer);
        }
    }

    /** Ends the poll promptly because work was queued. Any thread; never blocks. */
    void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                wakePipe.sink().write(ByteBuffer.wrap(new byte[1]));
            } catch (IOException e) {
                // Closed: the loop is ending, and nothing is left to wake.
            }
        }
    }

    /** Ends the loop within {@link Sockets#STOP_CHECK_MILLIS}. Any thread. */
    void stop() {
        running = false;
        wake();
    }

    /** How many times the loop has woken up (for tests: an idle loop must not spin). */
    long passes() {
        return passes.get();
    }

    @Override
    public void run() {
        ZMQ.Poller poller = context.createPoller(dealers.size() + 1);
        try {
            dealers.forEach(d -> poller.register(d, ZMQ.Poller.POLLIN));
            poller.register(wakePipe.source(), ZMQ.Poller.POLLIN);
            while (running) {
                try {
                    poller.poll(Sockets.STOP_CHECK_MILLIS);
                    passes.incrementAndGet();
                    drainWakePipe();
                    flushQueues();
                    receiveReplies();
                } catch (RuntimeException e) {
                    if (running) {
                        warnings.warn("loop", "zeromq client {}: unexpected failure, continuing", name, e);
                    }
                }
            }
        } finally {
            poller.close();
            dealers.forEach(context::destroySocket);
            closeQuietly(wakePipe.sink());
            closeQuietly(wakePipe.source());
        }
    }

    private void drainWakePipe() {
        try {
            while (true) {
                drainBuffer.clear();
                if (wakePipe.source().read(drainBuffer) <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // After draining and before looking at the queues: work queued from here on wakes the poll again.
        wakePending.set(false);
    }

    private void flushQueues() {
        for (int i = 0; i < links.size(); i++) {
            PeerLink link = links.get(i);
            ZMQ.Socket dealer = dealers.get(i);
            byte[] frame;
            while ((frame = link.poll()) != null) {
                if (dealer.send(frame, ZMQ.DONTWAIT)) {
                    counters.sent(frame.length);
                } else {
                    counters.dropped(DropReason.UNREACHABLE);
                }
            }
        }
    }

    private void receiveReplies() {
        for (int i = 0; i < links.size(); i++) {
            int member = links.get(i).member().id();
            ZMQ.Socket dealer = dealers.get(i);
            for (int n = 0; n < MAX_REPLIES_PER_PASS; n++) {
                Msg reply = dealer.recvMsg(ZMQ.DONTWAIT);
                if (reply == null) {
                    break;
                }
                if (reply.hasMore()) {
                    Msg part = reply;
                    while (part != null && part.hasMore()) {
                        part = dealer.recvMsg(ZMQ.DONTWAIT); // a multipart message arrives whole
                    }
                    counters.rejected(RejectReason.MALFORMED_MULTIPART);
                    warnings.warn(RejectReason.MALFORMED_MULTIPART, "zeromq client {}: dropped a reply of more than"
                            + " one frame from member {}; members send exactly one", name, member);
                    continue;
                }
                counters.received(reply.size());
                try {
                    inbox.deliver(member, reply.buf());
                } catch (RuntimeException e) {
                    warnings.warn("inbox", "zeromq client {}: the client inbox threw on a reply from member {}",
                            name, member, e);
                } finally {
                    allocators.get(i).release(reply); // the inbox decodes (copies) what it keeps
                }
            }
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
