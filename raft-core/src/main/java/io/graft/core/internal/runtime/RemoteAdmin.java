package io.graft.core.internal.runtime;

import io.graft.api.LeadershipTransferException;
import io.graft.api.MembershipChangeException;
import io.graft.api.NodeClosedException;
import io.graft.api.NodeStatus;
import io.graft.api.NotLeaderException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftException;
import io.graft.api.RaftNode;
import io.graft.api.transport.ClientChannel;
import io.graft.core.internal.client.AdminOperation;
import io.graft.core.internal.client.AdminRequest;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.internal.client.IndexBody;
import io.graft.core.internal.client.MembershipBody;
import io.graft.core.internal.client.ReportBody;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves remote clients' administrative requests by calling the node handle's own methods
 * ({@link RaftNode#transferLeadership}, {@link RaftNode#addMember}...), and answers with their outcome: the
 * exceptions those methods fail with become statuses the client turns back into the same exceptions. The
 * operations that ask the receiving member itself ({@link AdminOperation#toReceiver()}: its report, a snapshot)
 * are carried out here whatever this member's role, and any failure of theirs is answered as
 * {@link ClientStatus#BAD_REQUEST} with its description, never as "not leader", which would send the client
 * elsewhere.
 */
final class RemoteAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteAdmin.class);
    private static final byte[] NOTHING = new byte[0];

    private final RaftNode<?, ?> node;

    RemoteAdmin(RaftNode<?, ?> node) {
        this.node = node;
    }

    /** Starts carrying out {@code request}; the reply goes to {@code replyTo} later. Never blocks. */
    void serve(AdminRequest request, ClientChannel replyTo) {
        CompletableFuture<byte[]> outcome;
        try {
            outcome = start(request);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((body, error) -> replyTo.reply(error == null
                ? ClientReplies.of(request.sessionId(), request.requestId(), ClientStatus.OK, 0, body)
                : failure(request, ClientReplies.unwrap(error))));
    }

    private CompletableFuture<byte[]> start(AdminRequest r) {
        if (r.operation() != AdminOperation.MEMBERSHIP && r.operation() != AdminOperation.REPORT) {
            // DEBUG: clients resend unanswered requests, and the node handle logs what it actually does.
            LOG.debug("member {}: a remote client asks to {}", node.id(), describe(r));
        }
        switch (r.operation()) {
            case TRANSFER_LEADERSHIP:
                return done(node.transferLeadership(r.memberId()));
            case ADD_MEMBER:
                return done(node.addMember(r.member()));
            case ADD_LEARNER:
                return done(node.addLearner(r.member()));
            case REMOVE_MEMBER:
                return done(node.removeMember(r.memberId()));
            case MEMBERSHIP:
                return membership();
            case REPORT:
                return addressedHere(r) ? node.report().thenApply(ReportBody::encode) : misaddressed(r);
            case SNAPSHOT:
                return addressedHere(r) ? node.takeSnapshot().thenApply(IndexBody::encode) : misaddressed(r);
            default:
                throw new IllegalArgumentException("unknown admin operation " + r.operation());
        }
    }

    /** The leader's membership: a client asks the leader, whose log holds the latest configuration. */
    private CompletableFuture<byte[]> membership() {
        NodeStatus s = node.status();
        if (!s.isLeader()) {
            return CompletableFuture.failedFuture(new NotLeaderException(node.id(), s.leaderId()));
        }
        return CompletableFuture.completedFuture(MembershipBody.encode(node.membership()));
    }

    private boolean addressedHere(AdminRequest r) {
        return r.memberId() == node.id();
    }

    /**
     * A request meant for another member: the client's cluster file gives that member's address to this one, and
     * answering would pass this member's report off as the other's.
     */
    private CompletableFuture<byte[]> misaddressed(AdminRequest r) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("this is member " + node.id() + ", not member "
                + r.memberId() + ": the client's cluster file gives member " + r.memberId() + "'s address to member "
                + node.id()));
    }

    private static CompletableFuture<byte[]> done(CompletableFuture<Void> change) {
        return change.thenApply(nothing -> NOTHING);
    }

    private static byte[] failure(AdminRequest r, Throwable e) {
        ClientStatus status;
        int hint = 0;
        if (r.operation().toReceiver()) {
            String why = e instanceof IllegalArgumentException || e instanceof RaftException
                    ? String.valueOf(e.getMessage()) : ClientReplies.describe(e);
            return ClientReplies.explained(r.sessionId(), r.requestId(), ClientStatus.BAD_REQUEST, 0, why);
        }
        if (e instanceof NotLeaderException nl) {
            status = ClientStatus.NOT_LEADER;
            hint = nl.leaderId().orElse(0);
        } else if (e instanceof NodeClosedException) {
            status = ClientStatus.NOT_LEADER;
        } else if (e instanceof LeadershipTransferException lt) {
            status = ClientStatus.LEADERSHIP_TRANSFER;
            hint = lt.targetId();
        } else if (e instanceof MembershipChangeException) {
            status = ClientStatus.MEMBERSHIP_REFUSED;
        } else if (e instanceof OutcomeUnknownException) {
            status = ClientStatus.OUTCOME_UNKNOWN;
        } else {
            status = ClientStatus.BAD_REQUEST;
            return ClientReplies.explained(r.sessionId(), r.requestId(), status, 0, ClientReplies.describe(e));
        }
        return ClientReplies.explained(r.sessionId(), r.requestId(), status, hint, String.valueOf(e.getMessage()));
    }

    private static String describe(AdminRequest r) {
        switch (r.operation()) {
            case TRANSFER_LEADERSHIP:
                return "hand leadership to member " + r.memberId();
            case ADD_MEMBER:
                return "add member " + r.memberId() + " at " + r.member().address();
            case ADD_LEARNER:
                return "add learner " + r.memberId() + " at " + r.member().address();
            case REMOVE_MEMBER:
                return "remove member " + r.memberId();
            case SNAPSHOT:
                return "take a snapshot";
            default:
                return r.operation().toString();
        }
    }
}
