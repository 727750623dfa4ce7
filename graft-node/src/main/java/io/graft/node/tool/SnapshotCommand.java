package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.node.ExitCodes;
import io.graft.node.UsageException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code snapshot [--member ID]}: has one member take a snapshot now; prints its index. */
@Command(name = "snapshot", description = {"Has one member take a snapshot of its state machine now.",
        "The member writes a snapshot of everything it has applied and compacts its log, keeping the last"
                + " snapshotLogRetention entries. Without --member, the leader does. Prints 'OK member ID took a"
                + " snapshot up to index N' once it is durable (N is the previous snapshot's index when nothing was"
                + " applied since). Exits with 1 if the member cannot take one (its state machine does not support"
                + " snapshots), 3 if it does not answer."})
final class SnapshotCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Option(names = "--member", paramLabel = "ID", description = "The member to take it. Default: the leader.")
    private Integer member;

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
            Optional<Member> target = member != null ? Optional.of(MemberLookup.find(session, member, tool.timeout))
                    : leader(session);
            if (target.isEmpty()) {
                return ExitCodes.UNREACHABLE;
            }
            int id = target.get().id();
            long index = session.reaching(target.get()).takeSnapshot(id)
                    .get(tool.timeout.toMillis(), TimeUnit.MILLISECONDS);
            tool.out().println("OK member " + id + " took a snapshot up to index " + index);
            return ExitCodes.OK;
        } catch (UsageException e) {
            return tool.usageError(e);
        } catch (ExecutionException e) {
            return Failures.print(tool.err(), e.getCause(), tool.timeout, Failures.NOTHING_CHANGED);
        } catch (TimeoutException e) {
            return Failures.print(tool.err(), e, tool.timeout, Failures.NOTHING_CHANGED);
        }
    }

    /** The leader, as the first member to answer as leader says; empty (and why, printed) if none does. */
    private Optional<Member> leader(AdminSession session) throws InterruptedException {
        Duration deadline = ReportGathering.memberDeadline(session.cluster().electionTimeout(), tool.timeout);
        Optional<ReportGathering.Answer> answer = ReportGathering.leaderOrFirst(session, deadline);
        if (answer.isPresent() && answer.get().leads()) {
            return Optional.of(answer.get().member());
        }
        tool.err().println("graft: no member answered as leader within " + Units.describe(deadline)
                + "; name the member to take the snapshot with --member");
        return Optional.empty();
    }
}
