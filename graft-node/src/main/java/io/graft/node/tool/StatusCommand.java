package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.api.report.MemberReport;
import io.graft.node.ExitCodes;
import io.graft.node.UsageException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status}: asks every member for its report at once and prints one line per member as it answers ({@link
 * StatusLine}), then the leader. A member named in an answer's membership but missing from the cluster file (added
 * later) is asked too.
 */
@Command(name = "status", description = {"Shows each member's role, term, leader, log indexes and lag.",
        "Every member in the cluster file is asked for its report at once, and one line is printed per member as"
                + " it answers: its id, address, role, term, the leader it knows, its commit and applied indexes, its"
                + " lag (the highest commit index among the answers so far, minus its applied index) and how long it"
                + " took to answer. A member that does not answer within two election timeouts (at least 1 s, at"
                + " most --timeout) is printed as 'no answer'. Members that joined after the cluster file was"
                + " written are asked too, once an answer names them.",
        "The last line names the leader. Exits with 0 when a member answered as leader, 3 when none did."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = tool.out();
        AdminSession session;
        try {
            session = tool.connect();
        } catch (UsageException e) {
            return tool.usageError(e);
        }
        List<MemberReport> leaders = new ArrayList<>();
        try (session) {
            Duration deadline = ReportGathering.memberDeadline(session.cluster().electionTimeout(), tool.timeout);
            ReportGathering gathering = new ReportGathering(session, deadline);
            StatusLine lines = new StatusLine(session.cluster().members().values(), deadline);
            session.cluster().members().values().forEach(gathering::ask);
            while (gathering.waiting()) {
                Optional<ReportGathering.Answer> next = gathering.next();
                if (next.isEmpty()) {
                    break;
                }
                ReportGathering.Answer answer = next.get();
                out.println(lines.format(answer));
                out.flush();
                answer.report().ifPresent(r -> {
                    if (r.isLeader()) {
                        leaders.add(r);
                    }
                    askTheOthersItNames(r, gathering, lines);
                });
            }
        } catch (UsageException e) {
            return tool.usageError(e); // A member added since the file cannot be reached with its settings.
        }
        Optional<MemberReport> leader = leaders.stream().max(Comparator.comparingLong(MemberReport::term));
        if (leader.isPresent()) {
            out.println("leader: member " + leader.get().memberId() + " (term " + leader.get().term() + ")");
            return ExitCodes.OK;
        }
        tool.err().println("graft: no member answered as leader: no leader is elected yet, or a majority of the"
                + " members is not running and reachable");
        return ExitCodes.UNREACHABLE;
    }

    /** Asks the members {@code report}'s membership names that were not asked yet (added after the file). */
    private static void askTheOthersItNames(MemberReport report, ReportGathering gathering, StatusLine lines) {
        List<Member> named = new ArrayList<>(report.membership().voters().values());
        named.addAll(report.membership().learners().values());
        for (Member m : named) {
            if (gathering.ask(m)) {
                lines.widen(m);
            }
        }
    }
}
