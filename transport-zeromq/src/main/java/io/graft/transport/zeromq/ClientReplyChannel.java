package io.graft.transport.zeromq;

import io.graft.api.transport.ClientChannel;

/** The way back to one remote client: its replies join the queue the receiving thread sends from. */
final class ClientReplyChannel implements ClientChannel {
    private final byte[] identity;
    private final ClientReplies replies;

    ClientReplyChannel(byte[] identity, ClientReplies replies) {
        this.identity = identity;
        this.replies = replies;
    }

    @Override
    public void reply(byte[] frame) {
        replies.offer(identity, frame);
    }
}
