package io.graft.transport.zeromq;

import io.graft.api.transport.Inbox;
import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An inbox that decodes frames like a node would (returning false when decoding fails or the message's
 * {@code from} is not the authenticated sender) and records what it accepted.
 */
final class RecordingInbox<M extends WireMessage> implements Inbox {
    private final Function<ByteBuffer, M> decoder;
    private final List<M> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    RecordingInbox(Function<ByteBuffer, M> decoder) {
        this.decoder = decoder;
    }

    /** An inbox for {@link TestMessage}s. */
    static RecordingInbox<TestMessage> forTestMessages() {
        return new RecordingInbox<>(TestMessage::decode);
    }

    @Override
    public boolean deliver(WireMessage message) {
        throw new UnsupportedOperationException("a network transport delivers bytes");
    }

    @Override
    public boolean deliver(int authenticatedSender, ByteBuffer frame) {
        M message;
        try {
            message = decoder.apply(frame);
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            return false;
        }
        if (message.from() != authenticatedSender) {
            refused.incrementAndGet();
            return false;
        }
        accepted.add(message);
        return true;
    }

    List<M> accepted() {
        return new ArrayList<>(accepted);
    }

    /** What was accepted from {@code sender}, in arrival order. */
    List<M> from(int sender) {
        List<M> out = new ArrayList<>();
        for (M m : accepted) {
            if (m.from() == sender) {
                out.add(m);
            }
        }
        return out;
    }

    int refused() {
        return refused.get();
    }
}
