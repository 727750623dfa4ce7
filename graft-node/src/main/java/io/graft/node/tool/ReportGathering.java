package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.api.report.MemberReport;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks members for their reports, all at once, and hands over each answer as it arrives (or the lack of one, once a
 * member has not answered within the deadline). Not thread-safe: one thread asks and takes the answers.
 */
final class ReportGathering {
    /**
     * What one member answered.
     *
     * @param member the member asked
     * @param report its report, if it answered with one
     * @param failure why there is no report: it did not answer in time, or refused
     * @param latency from the request to the answer (or to the deadline)
     */
    record Answer(Member member, Optional<MemberReport> report, Optional<Throwable> failure, Duration latency) {
        /** Whether the member answered that it leads. */
        boolean leads() {
            return report.isPresent() && report.get().isLeader();
        }
    }

    /** A little past the deadline: each request fails by itself at it; this only guards against a lost failure. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

    private final AdminSession session;
    private final Duration deadline;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Set<Integer> asked = new HashSet<>();
    private int outstanding;

    /** Gathers through {@code session}; a member that has not answered within {@code deadline} is given up. */
    ReportGathering(AdminSession session, Duration deadline) {
        this.session = session;
        this.deadline = deadline;
    }

    /**
     * How long to wait for one member's report before reporting it silent: two election timeouts (a member under
     * load may take that long), at least a second, at most the whole timeout.
     */
    static Duration memberDeadline(Duration electionTimeout, Duration timeout) {
        Duration d = electionTimeout.multipliedBy(2);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            d = Duration.ofSeconds(1);
        }
        return d.compareTo(timeout) < 0 ? d : timeout;
    }

    /** Asks {@code member} for its report, unless it was asked already; returns whether it was asked now. */
    boolean ask(Member member) {
        if (!asked.add(member.id())) {
            return false;
        }
        outstanding++;
        long start = System.nanoTime();
        session.reaching(member).report(member.id()).orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((report, error) -> answers.add(new Answer(member, Optional.ofNullable(report),
                        Optional.ofNullable(error).map(Failures::unwrap), Duration.ofNanos(System.nanoTime() - start))));
        return true;
    }

    /** Whether some member asked has not been handed over yet. */
    boolean waiting() {
        return outstanding > 0;
    }

    /**
     * The next answer, waiting for it; empty if none came in time (which the requests' own deadline makes
     * unlikely) or when nothing is outstanding.
     */
    Optional<Answer> next() throws InterruptedException {
        if (outstanding == 0) {
            return Optional.empty();
        }
        Answer a = answers.poll(deadline.plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        if (a != null) {
            outstanding--;
        }
        return Optional.ofNullable(a);
    }

    /**
     * Asks every member of the cluster file and returns the leader's answer as soon as it arrives, without waiting
     * for the others; if no member answers as leader, the first report that came, else the first failure (empty
     * only if not even a failure came in time).
     */
    static Optional<Answer> leaderOrFirst(AdminSession session, Duration deadline) throws InterruptedException {
        ReportGathering gathering = new ReportGathering(session, deadline);
        session.cluster().members().values().forEach(gathering::ask);
        Answer first = null;
        while (gathering.waiting()) {
            Optional<Answer> next = gathering.next();
            if (next.isEmpty()) {
                break;
            }
            Answer a = next.get();
            if (a.leads()) {
                return Optional.of(a);
            }
            if (first == null || first.report().isEmpty() && a.report().isPresent()) {
                first = a;
            }
        }
        return Optional.ofNullable(first);
    }
}
