package io.graft.transport.inmemory;

/**
 * What one member did on an {@link InMemoryNetwork}, counted since the network was created or last
 * {@linkplain InMemoryNetwork#resetStats() reset}.
 *
 * @param messagesSent messages the member's open transport accepted in {@code send}
 * @param bytesSent the encoded size of those messages (zero for by-reference delivery when byte counting is
 *                  off); a duplicated message counts once, as it was sent once
 * @param messagesDelivered messages (including duplicates) handed to this member's inbox, whether or not the
 *                          node then accepted them
 * @param messagesDropped copies of this member's messages the network lost: to faults, to an absent or
 *                        closed receiver, to a full delay queue, or because the transport was closed
 */
public record NodeTrafficStats(long messagesSent, long bytesSent, long messagesDelivered, long messagesDropped) {

    /** Nothing sent, delivered or dropped. */
    public static final NodeTrafficStats ZERO = new NodeTrafficStats(0, 0, 0, 0);

    /** The sum of this and {@code other}, field by field. */
    public NodeTrafficStats plus(NodeTrafficStats other) {
        return new NodeTrafficStats(messagesSent + other.messagesSent, bytesSent + other.bytesSent,
                messagesDelivered + other.messagesDelivered, messagesDropped + other.messagesDropped);
    }
}
