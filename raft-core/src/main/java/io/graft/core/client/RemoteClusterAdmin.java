package io.graft.core.client;

import io.graft.core.internal.client.AdminOperation;
import io.graft.core.internal.client.AdminRequest;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.MembershipBody;

import io.graft.api.ClusterAdmin;
import io.graft.api.Membership;
import io.graft.api.config.Member;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link GraftClient#admin()}: each method is one {@link AdminRequest} to the leader. */
final class RemoteClusterAdmin implements ClusterAdmin {
    private final GraftClient<?, ?> client;

    RemoteClusterAdmin(GraftClient<?, ?> client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Void> transferLeadership(int memberId) {
        return change("the leadership transfer to member " + memberId, AdminOperation.TRANSFER_LEADERSHIP, memberId);
    }

    @Override
    public CompletableFuture<Void> addMember(Member member) {
        Objects.requireNonNull(member, "member");
        return adding("the addition of member " + member.id() + " as a voter", AdminOperation.ADD_MEMBER, member);
    }

    @Override
    public CompletableFuture<Void> addLearner(Member member) {
        Objects.requireNonNull(member, "member");
        return adding("the addition of member " + member.id() + " as a learner", AdminOperation.ADD_LEARNER, member);
    }

    @Override
    public CompletableFuture<Void> removeMember(int memberId) {
        return change("the removal of member " + memberId, AdminOperation.REMOVE_MEMBER, memberId);
    }

    @Override
    public CompletableFuture<Membership> membership() {
        // A query: it changes nothing, so it times out as a read does.
        return client.request("a membership request", true,
                id -> ClientFrames.encode(AdminRequest.of(client.sessionId(), id, AdminOperation.MEMBERSHIP, 0)),
                MembershipBody::decode);
    }

    private CompletableFuture<Void> change(String what, AdminOperation operation, int memberId) {
        if (memberId <= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("member ids are positive, got "
                    + memberId));
        }
        return client.request(what, false,
                id -> ClientFrames.encode(AdminRequest.of(client.sessionId(), id, operation, memberId)), body -> null);
    }

    private CompletableFuture<Void> adding(String what, AdminOperation operation, Member member) {
        return client.request(what, false,
                id -> ClientFrames.encode(AdminRequest.adding(client.sessionId(), id, operation, member)), body -> null);
    }
}
