package io.graft.core.internal.runtime;

import io.graft.api.NodeStatus;
import io.graft.api.NotLeaderException;
import io.graft.api.OverloadedException;
import io.graft.api.Role;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.api.transport.ClientChannel;
import io.graft.core.internal.client.AdminRequest;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientMessage;
import io.graft.core.internal.client.ClientRead;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.internal.client.SessionCommand;
import io.graft.core.storage.EntryType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A member's service to remote clients: a command at the leader becomes a session command in the log, and
 * its reply (computed identically on every member while applying) goes back once the entry is applied; a
 * command elsewhere is answered at once with the leader's id. Reads and admin requests go to
 * {@link RemoteReads} and {@link RemoteAdmin}, which use the node handle.
 */
final class ClientService {
    private final int memberId;
    private final EventLoop<?> loop;
    private final AtomicInteger pendingCount;
    private final int maxPending;
    private final MetricsRecorder metrics;
    private final Supplier<NodeStatus> status;
    private final RemoteReads<?, ?> reads;
    private final RemoteAdmin admin;

    ClientService(int memberId, EventLoop<?> loop, AtomicInteger pendingCount, int maxPending,
                  MetricsRecorder metrics, Supplier<NodeStatus> status, RemoteReads<?, ?> reads, RemoteAdmin admin) {
        this.memberId = memberId;
        this.metrics = metrics;
        this.loop = loop;
        this.pendingCount = pendingCount;
        this.maxPending = maxPending;
        this.status = status;
        this.reads = reads;
        this.admin = admin;
    }

    /** Handles one decoded message; called on a transport thread, never blocks. */
    void handle(ClientMessage message, ClientChannel replyTo) {
        if (message instanceof ClientRequest command) {
            handleCommand(command, replyTo);
        } else if (message instanceof ClientRead read) {
            reads.serve(read, replyTo);
        } else if (message instanceof AdminRequest request) {
            admin.serve(request, replyTo);
        }
    }

    private void handleCommand(ClientRequest request, ClientChannel replyTo) {
        NodeStatus s = status.get();
        if (s.role() != Role.LEADER || !loop.isRunning()) {
            replyTo.reply(ClientFrames.encode(new ClientResponse(request.sessionId(), request.sequence(),
                    ClientStatus.NOT_LEADER, s.leaderId() == memberId ? 0 : s.leaderId(), new byte[0])));
            return;
        }
        if (pendingCount.incrementAndGet() > maxPending) {
            pendingCount.decrementAndGet();
            metrics.commandOverloaded();
            replyTo.reply(ClientFrames.encode(new ClientResponse(request.sessionId(), request.sequence(),
                    ClientStatus.OVERLOADED, 0, new byte[0])));
            return;
        }
        CompletableFuture<Object> future = new DirectFuture<>(); // Its only dependent sends the reply.
        long submitted = metrics != MetricsRecorder.NONE ? System.nanoTime() : 0;
        future.whenComplete((reply, error) -> {
            replyTo.reply(reply != null ? (byte[]) reply : failure(request, error));
            if (submitted != 0) {
                metrics.commandCompleted(System.nanoTime() - submitted, reply != null);
            }
        });
        loop.propose(new Proposal(SessionCommand.encode(request, System.currentTimeMillis()),
                EntryType.SESSION_COMMAND, future));
        if (!loop.isRunning()) {
            loop.failQueuedProposals("member " + memberId + " is closed");
        }
    }

    /** The reply for a request whose entry's fate is not known here; the session makes a retry safe. */
    private static byte[] failure(ClientRequest request, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ClientStatus status = ClientStatus.OUTCOME_UNKNOWN;
        int hint = 0;
        if (cause instanceof NotLeaderException nl) {
            status = ClientStatus.NOT_LEADER;
            hint = nl.leaderId().orElse(0);
        } else if (cause instanceof OverloadedException) {
            status = ClientStatus.OVERLOADED;
        }
        return ClientFrames.encode(new ClientResponse(request.sessionId(), request.sequence(), status, hint, new byte[0]));
    }
}
