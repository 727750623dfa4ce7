package io.graft.node.tool;

import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.node.UsageException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds where a member named on the command line is: in the cluster file, or, for a member added since, in the
 * membership the leader holds.
 */
final class MemberLookup {
    private MemberLookup() {
    }

    /**
     * Member {@code id}, from the cluster file, else from the leader's membership (asked within {@code timeout}).
     *
     * @throws UsageException if neither lists it
     * @throws ExecutionException if the membership request failed
     * @throws TimeoutException if the leader did not answer for its membership in time
     */
    static Member find(AdminSession session, int id, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (session.knows(id)) {
            return session.cluster().member(id);
        }
        Membership m = session.admin().membership().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Member member = m.voters().containsKey(id) ? m.voters().get(id) : m.learners().get(id);
        if (member == null) {
            throw new UsageException("member " + id + " is neither in the cluster file nor in the cluster's"
                    + " membership (voters " + m.voters().keySet() + ", learners " + m.learners().keySet() + ")");
        }
        return member;
    }
}
