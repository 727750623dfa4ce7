package io.graft.node;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client transport whose members answer as a test scripts them, at once and on the sending thread: each member
 * is a function from how many requests it received so far (1 for the first) to its answer, or to silence.
 */
final class ScriptedClientTransport implements ClientTransport {
    /** What one member answers to its {@code n}th request. */
    @FunctionalInterface
    interface Script {
        Optional<Answer> answer(int n);
    }

    /** An answer: the status, and the leader named when the status is {@code NOT_LEADER}. */
    record Answer(ClientStatus status, int leaderHint) {
    }

    /** Answers as the leader: the read was committed. */
    static Optional<Answer> leads() {
        return Optional.of(new Answer(ClientStatus.OK, 0));
    }

    /** Answers as a follower naming {@code leader} (0: none known). */
    static Optional<Answer> follows(int leader) {
        return Optional.of(new Answer(ClientStatus.NOT_LEADER, leader));
    }

    /** Does not answer. */
    static Optional<Answer> silent() {
        return Optional.empty();
    }

    private final Map<Integer, Script> scripts;
    private final Map<Integer, Integer> received = new ConcurrentHashMap<>();
    private volatile ClientInbox inbox;

    ScriptedClientTransport(Map<Integer, Script> scripts) {
        this.scripts = Map.copyOf(scripts);
    }

    /** How many requests member {@code id} received. */
    int requestsTo(int id) {
        return received.getOrDefault(id, 0);
    }

    @Override
    public void start(ClusterConfig cluster, ClientInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void send(int memberId, byte[] frame) {
        ClientRequest request = ClientFrames.decodeRequest(ByteBuffer.wrap(frame));
        int n = received.merge(memberId, 1, Integer::sum);
        scripts.get(memberId).answer(n).ifPresent(a -> inbox.deliver(memberId, ByteBuffer.wrap(ClientFrames.encode(
                new ClientResponse(request.sessionId(), request.sequence(), a.status(), a.leaderHint(), new byte[0])))));
    }

    @Override
    public void close() {
    }
}
