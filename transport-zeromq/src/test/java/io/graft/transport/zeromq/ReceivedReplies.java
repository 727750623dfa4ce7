package io.graft.transport.zeromq;

import io.graft.api.transport.ClientInbox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client inbox that records every reply as text, with the member it came from. */
final class ReceivedReplies implements ClientInbox {
    /** One reply: who sent it and its bytes as UTF-8 text. */
    record Reply(int from, String text) {
    }

    private final List<Reply> replies = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(int fromMember, ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        replies.add(new Reply(fromMember, new String(bytes, StandardCharsets.UTF_8)));
    }

    List<Reply> all() {
        return new ArrayList<>(replies);
    }

    /** The texts of the replies from {@code member}, in arrival order. */
    List<String> from(int member) {
        return replies.stream().filter(r -> r.from() == member).map(Reply::text).toList();
    }
}
