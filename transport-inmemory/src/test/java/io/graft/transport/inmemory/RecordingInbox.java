package io.graft.transport.inmemory;

import io.graft.api.transport.Inbox;
import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An inbox that remembers every arrival and how it came, decoding frames like a node would. */
final class RecordingInbox implements Inbox {

    /**
     * @param message the message as the node would see it
     * @param original the delivered object for by-reference arrivals, {@code null} for encoded ones
     * @param authenticatedSender the sender the transport vouched for (encoded arrivals only)
     * @param frameBytes the frame's size (encoded arrivals only)
     */
    record Arrival(TestMessage message, WireMessage original, int authenticatedSender, int frameBytes) {
        boolean encoded() {
            return original == null;
        }
    }

    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

    @Override
    public boolean deliver(WireMessage message) {
        arrivals.add(new Arrival((TestMessage) message, message, 0, 0));
        return true;
    }

    @Override
    public boolean deliver(int authenticatedSender, ByteBuffer frame) {
        int size = frame.remaining();
        arrivals.add(new Arrival(TestMessage.decode(frame), null, authenticatedSender, size));
        return true;
    }

    List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    int count() {
        return arrivals.size();
    }

    /** The sequence numbers received, in arrival order. */
    List<Long> seqs() {
        List<Long> seqs = new ArrayList<>();
        arrivals.forEach(a -> seqs.add(a.message().seq()));
        return seqs;
    }
}
