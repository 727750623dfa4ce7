package io.graft.core.internal.runtime;

import io.graft.api.MalformedMessageException;
import io.graft.api.transport.ClientChannel;
import io.graft.api.transport.Inbox;
import io.graft.api.transport.WireMessage;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientMessage;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.MessageCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's {@link Inbox}: decodes and vets what transports deliver, and passes good messages to the event
 * loop. Bad input is dropped and counted, and logged at most once a second, so garbage never takes a node
 * down nor floods its log.
 */
final class NodeInbox implements Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(NodeInbox.class);

    private final int memberId;
    private final Consumer<Message> sink;
    private final BiConsumer<ClientMessage, ClientChannel> clients;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile long lastWarning;

    NodeInbox(int memberId, Consumer<Message> sink, BiConsumer<ClientMessage, ClientChannel> clients) {
        this.memberId = memberId;
        this.sink = sink;
        this.clients = clients;
    }

    @Override
    public boolean deliverClientRequest(ClientChannel replyTo, ByteBuffer frame) {
        ClientMessage request;
        try {
            request = ClientFrames.decodeMessage(frame);
        } catch (MalformedMessageException e) {
            return reject("an undecodable client request: " + e.getMessage());
        }
        clients.accept(request, replyTo);
        return true;
    }

    @Override
    public boolean deliver(WireMessage message) {
        if (message instanceof Message m && m.to() == memberId) {
            accepted.incrementAndGet();
            sink.accept(m);
            return true;
        }
        return reject("a message not addressed to this member or not a Graft message: " + message);
    }

    @Override
    public boolean deliver(int authenticatedSender, ByteBuffer frame) {
        Message m;
        try {
            m = MessageCodec.decode(frame);
        } catch (MalformedMessageException e) {
            return reject("an undecodable frame: " + e.getMessage());
        }
        if (authenticatedSender != 0 && m.from() != authenticatedSender) {
            return reject("a message claiming sender " + m.from() + " from member " + authenticatedSender);
        }
        if (m.to() != memberId) {
            return reject("a message addressed to member " + m.to());
        }
        accepted.incrementAndGet();
        sink.accept(m);
        return true;
    }

    private boolean reject(String what) {
        long count = rejected.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarning > 1_000_000_000L) {
            lastWarning = now;
            LOG.warn("dropped {} ({} dropped so far)", what, count);
        }
        return false;
    }

    /** Messages dropped as bad input. */
    long rejected() {
        return rejected.get();
    }

    /** Messages accepted. */
    long accepted() {
        return accepted.get();
    }
}
