package io.graft.core.internal.runtime;

import io.graft.core.internal.raft.RaftCore;
import java.util.concurrent.CompletableFuture;

/** Completes with the leader's id as soon as the member knows one (itself included). */
final class LeaderWatch extends CoreWatch<Integer> {

    LeaderWatch(CompletableFuture<Integer> future) {
        super(future);
    }

    @Override
    boolean settle(RaftCore core, long now, CompletionBatcher out) {
        int leader = core.leaderId();
        if (leader == 0) {
            return future.isDone(); // Given up by the caller (a timeout): stop watching.
        }
        out.complete(future, leader);
        return true;
    }
}
