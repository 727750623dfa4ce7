package io.graft.core.internal.runtime;

import io.graft.api.LeadershipTransferException;
import io.graft.api.Role;
import io.graft.core.internal.raft.RaftCore;
import java.util.concurrent.CompletableFuture;

/** Completes when the transfer's target is seen leading in a later term; fails when the core gives up. */
final class TransferWatch extends CoreWatch<Void> {
    private final int self;
    private final int target;
    private final long startTerm;
    private final long deadline;
    private final long electionTimeout;

    TransferWatch(CompletableFuture<Void> future, int self, int target, long startTerm, long now, long electionTimeout) {
        super(future);
        this.self = self;
        this.target = target;
        this.startTerm = startTerm;
        this.electionTimeout = electionTimeout;
        // The core abandons the transfer after one election timeout; the target's election takes a little more.
        this.deadline = now + 3 * electionTimeout;
    }

    @Override
    boolean settle(RaftCore core, long now, CompletionBatcher out) {
        if (core.term() > startTerm && core.leaderId() == target) {
            out.complete(future, null);
            return true;
        }
        if (core.role() == Role.LEADER && core.term() == startTerm && core.transferTarget() != target) {
            return fail(out, "member " + target + " did not catch up and take over within " + electionTimeout
                    + " ms; member " + self + " is still the leader");
        }
        if (core.term() > startTerm && core.leaderId() != 0) {
            return fail(out, "member " + core.leaderId() + " was elected instead of member " + target);
        }
        if (now > deadline) {
            return fail(out, "member " + target + " was not seen leading within " + (3 * electionTimeout) + " ms");
        }
        return false;
    }

    private boolean fail(CompletionBatcher out, String why) {
        out.fail(future, new LeadershipTransferException(target, "leadership transfer to member " + target
                + " failed: " + why + "; it is safe to try again"));
        return true;
    }
}
