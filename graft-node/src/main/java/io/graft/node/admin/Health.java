package io.graft.node.admin;

import io.graft.api.report.MemberReport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides the answers of {@code /health/live} and {@code /health/ready}, the probes of a supervisor or Kubernetes.
 *
 * <ul>
 *   <li><b>Live</b> while the member runs; not once it has stopped by itself (its failure is the reason) or been
 *       closed: restart the process.</li>
 *   <li><b>Ready</b> when, besides being live, the member is not catching up (a member started without data waits
 *       for a leader to confirm it holds every committed entry), knows a leader, and has at most
 *       {@code maxApplyLag} committed entries left to apply ({@link MemberReport#applyLag()}, measured against the
 *       commit index this member knows, which a follower learns from the leader's appends). Not ready: route
 *       no traffic to it for now.</li>
 * </ul>
 */
final class Health {
    /** How long a probe waits for the member's report. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * One answer.
     *
     * @param ok whether the probe passes
     * @param reason a few words saying why
     */
    record Verdict(boolean ok, String reason) {
    }

    private final MemberView member;
    private final long maxApplyLag;

    Health(MemberView member, long maxApplyLag) {
        this.member = member;
        this.maxApplyLag = maxApplyLag;
    }

    Verdict live() {
        Optional<Throwable> failure = member.failure();
        if (failure.isPresent()) {
            return new Verdict(false, "member " + member.memberId() + " stopped by itself: " + failure.get());
        }
        if (!member.running()) {
            return new Verdict(false, "member " + member.memberId() + " is not running");
        }
        return new Verdict(true, "member " + member.memberId() + " is running");
    }

    Verdict ready() throws InterruptedException {
        Verdict live = live();
        if (!live.ok()) {
            return live;
        }
        MemberReport report;
        try {
            report = member.report().get(REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Verdict(false, "member " + member.memberId() + " gave no report within " + REPORT_TIMEOUT.toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            return new Verdict(false, "member " + member.memberId() + " gave no report: " + e.getCause());
        }
        if (report.catchingUp()) {
            return new Verdict(false, "catching up: waits for a leader to confirm it holds every committed entry");
        }
        if (report.leaderId().isEmpty()) {
            return new Verdict(false, "no leader known (term " + report.term() + ")");
        }
        if (report.applyLag() > maxApplyLag) {
            return new Verdict(false, "applying: " + report.applyLag() + " committed entries not applied yet (ready at "
                    + maxApplyLag + " or fewer)");
        }
        return new Verdict(true, "leader " + report.leaderId().getAsInt() + " in term " + report.term() + ", apply lag "
                + report.applyLag());
    }
}
