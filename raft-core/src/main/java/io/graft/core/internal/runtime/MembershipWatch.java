package io.graft.core.internal.runtime;

import io.graft.api.OutcomeUnknownException;
import io.graft.api.Role;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.internal.raft.RaftCore;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Completes when the committed membership shows a change done (an addition may take two entries: as a
 * learner, then the promotion once it caught up); fails if this member stops leading first.
 */
final class MembershipWatch extends CoreWatch<Void> {
    private final String change;
    private final long term;
    private final Predicate<ClusterMembership> done;

    MembershipWatch(CompletableFuture<Void> future, String change, long term, Predicate<ClusterMembership> done) {
        super(future);
        this.change = change;
        this.term = term;
        this.done = done;
    }

    @Override
    boolean settle(RaftCore core, long now, CompletionBatcher out) {
        if (done.test(core.committedMembership())) {
            out.complete(future, null);
            return true;
        }
        if (core.role() != Role.LEADER || core.term() != term) {
            out.fail(future, new OutcomeUnknownException("leadership was lost (now term " + core.term()
                    + ") before the change '" + change + "' was known to be complete; it may still complete: check"
                    + " membership() on the new leader"));
            return true;
        }
        return false;
    }
}
