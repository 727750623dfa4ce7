package io.graft.node.tool;

import io.graft.api.Role;
import io.graft.api.config.Member;
import io.graft.api.report.MemberReport;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * Formats {@code status} lines, one per member:
 * {@code member 2  127.0.0.1:7402  follower       term 3  leader 1  commit 42  applied 42  lag 0  1.3 ms}. The lag
 * is the highest commit index among the reports formatted so far (the leader's, once it answered) minus the
 * member's applied index.
 */
final class StatusLine {
    /** The longest role word, "pre-candidate". */
    private static final int ROLE_WIDTH = 13;

    private final Duration deadline;
    private int addressWidth;
    private long highestCommit;

    /**
     * Lines for {@code members}, whose addresses set the width of that column, each of which was waited for up to
     * {@code deadline}.
     */
    StatusLine(Collection<Member> members, Duration deadline) {
        this.deadline = deadline;
        members.forEach(this::widen);
    }

    /** Makes room for {@code member}'s address. */
    void widen(Member member) {
        addressWidth = Math.max(addressWidth, member.address().length());
    }

    /** The line of one member's answer. */
    String format(ReportGathering.Answer answer) {
        String start = String.format("member %d  %-" + addressWidth + "s  ", answer.member().id(),
                answer.member().address());
        if (answer.report().isEmpty()) {
            Throwable why = answer.failure().orElseThrow();
            return start + (Failures.unanswered(why) ? "no answer within " + Units.describe(deadline)
                    : "refused: " + why.getMessage());
        }
        MemberReport r = answer.report().get();
        highestCommit = Math.max(highestCommit, r.commitIndex());
        String line = start + String.format(Locale.ROOT, "%-" + ROLE_WIDTH + "s  term %d  leader %s  commit %d"
                        + "  applied %d  lag %d  %s", role(r), r.term(),
                r.leaderId().isPresent() ? Integer.toString(r.leaderId().getAsInt()) : "-", r.commitIndex(),
                r.appliedIndex(), Math.max(0, highestCommit - r.appliedIndex()), Units.latency(answer.latency()));
        return r.failure().map(f -> line + "  failure: " + f).orElse(line);
    }

    /** The member's role in a word: a learner is a follower that does not vote; a failed member has stopped. */
    static String role(MemberReport r) {
        if (r.failure().isPresent()) {
            return "stopped";
        }
        if (r.role() == Role.FOLLOWER && r.membership().learners().containsKey(r.memberId())) {
            return "learner";
        }
        return r.role().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
