package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.api.report.MemberReport;
import io.graft.node.ExitCodes;
import io.graft.node.UsageException;
import io.graft.node.json.ReportJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code report}: one member's full report, as a table or as JSON. */
@Command(name = "report", description = {"Shows one member's full report, as a table or as JSON.",
        "The report is the member's own view: role, term, leader, commit and applied indexes, log and snapshot"
                + " sizes, pending commands and reads, uptime, why it stopped if it did, the membership, and on the"
                + " leader each follower's replication (match and next index, appends in flight, mode, last"
                + " contact, lag).",
        "Without --member, every member is asked and the leader's report is shown as soon as it answers (if no"
                + " member answers as leader, the first report that came, and a note says so). --json prints one"
                + " JSON object, with the field names of the Java API's MemberReport and durations in"
                + " milliseconds.",
        "Exits with 3 when the member (or, without --member, every member) does not answer."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Option(names = "--member", paramLabel = "ID", description = "The member to ask. Default: the leader.")
    private Integer member;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        AdminSession session;
        try {
            if (member != null) {
                MemberIds.check(member);
            }
            session = tool.connect();
        } catch (UsageException e) {
            return tool.usageError(e);
        }
        try (session) {
            return member != null ? ofMember(session, member) : ofLeader(session);
        } catch (UsageException e) {
            return tool.usageError(e);
        }
    }

    private int ofMember(AdminSession session, int id) throws InterruptedException {
        try {
            Member target = MemberLookup.find(session, id, tool.timeout);
            return print(session.reaching(target).report(id).get(tool.timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return Failures.print(tool.err(), e.getCause(), tool.timeout, Failures.NOTHING_CHANGED);
        } catch (TimeoutException e) {
            return Failures.print(tool.err(), e, tool.timeout, Failures.NOTHING_CHANGED);
        }
    }

    private int ofLeader(AdminSession session) throws InterruptedException {
        Duration deadline = ReportGathering.memberDeadline(session.cluster().electionTimeout(), tool.timeout);
        Optional<ReportGathering.Answer> answer = ReportGathering.leaderOrFirst(session, deadline);
        if (answer.isEmpty() || answer.get().report().isEmpty()) {
            tool.err().println("graft: no member answered within " + Units.describe(deadline) + ". Is a majority of"
                    + " the members running and reachable at the addresses in the cluster file?");
            return ExitCodes.UNREACHABLE;
        }
        MemberReport r = answer.get().report().get();
        if (!r.isLeader()) {
            tool.err().println("graft: no member answered as leader; this is member " + r.memberId() + "'s report");
        }
        return print(r);
    }

    private int print(MemberReport r) {
        PrintWriter out = tool.out();
        if (json) {
            out.println(ReportJson.write(r));
        } else {
            out.print(ReportTable.of(r));
        }
        return ExitCodes.OK;
    }
}
