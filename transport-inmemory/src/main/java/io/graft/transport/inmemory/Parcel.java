package io.graft.transport.inmemory;

import io.graft.api.transport.Inbox;
import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;

/** A message in flight, in the form its receiver's inbox will get it. */
sealed interface Parcel {

    /** Hands this parcel to {@code inbox}; may be called more than once (duplicates). */
    void deliverTo(Inbox inbox);

    /** The message object itself, for pass-by-reference delivery. */
    record ByReference(WireMessage message) implements Parcel {
        @Override
        public void deliverTo(Inbox inbox) {
            inbox.deliver(message);
        }
    }

    /**
     * The message's bytes, as a socket would carry them.
     *
     * @param sender the sending transport's member id, which the network vouches for
     * @param frame the encoding; never modified, each delivery gets its own buffer over it
     */
    record Encoded(int sender, byte[] frame) implements Parcel {
        @Override
        public void deliverTo(Inbox inbox) {
            inbox.deliver(sender, ByteBuffer.wrap(frame));
        }
    }
}
