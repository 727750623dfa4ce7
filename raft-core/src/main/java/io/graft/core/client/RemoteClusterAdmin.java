package io.graft.core.client;

import io.graft.api.ClusterAdmin;
import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.api.report.MemberReport;
import io.graft.core.internal.client.AdminOperation;
import io.graft.core.internal.client.AdminRequest;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.IndexBody;
import io.graft.core.internal.client.MembershipBody;
import io.graft.core.internal.client.ReportBody;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link GraftClient#admin()}: each method is one {@link AdminRequest}, to the leader, or for a member's report
 * and snapshot, to that member.
 */
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

    @Override
    public CompletableFuture<MemberReport> report(int memberId) {
        return toMember("member " + memberId + "'s report", true, AdminOperation.REPORT, memberId, ReportBody::decode);
    }

    @Override
    public CompletableFuture<Long> takeSnapshot(int memberId) {
        // Writing a large state machine's snapshot takes time: resends wait longer each time.
        return toMember("a snapshot on member " + memberId, false, AdminOperation.SNAPSHOT, memberId,
                IndexBody::decode);
    }

    private <T> CompletableFuture<T> toMember(String what, boolean evenPace, AdminOperation operation, int memberId,
                                              Function<byte[], T> decode) {
        if (memberId <= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("member ids are positive, got "
                    + memberId));
        }
        return client.requestTo(memberId, what, evenPace,
                id -> ClientFrames.encode(AdminRequest.of(client.sessionId(), id, operation, memberId)), decode);
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
