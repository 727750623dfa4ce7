package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.node.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code add-learner ID ADDRESS}: adds a non-voting member; prints {@code OK member ID (ADDRESS) is a learner}. */
@Command(name = "add-learner", description = {"Adds a member that receives the log but never votes.",
        "Member ID at ADDRESS (host or host:port) becomes a learner, a read replica. Start it first with"
                + " graft-node --join and a cluster file that lists it. Prints 'OK member ID (ADDRESS) is a learner'"
                + " once the change is committed; exits with 1 if the change was refused."})
final class AddLearnerCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Parameters(index = "0", paramLabel = "ID", description = "The new learner's id.")
    private int id;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "Where the other members reach it: host:port.")
    private String address;

    @Override
    public Integer call() {
        Member member;
        try {
            member = MemberIds.member(id, address);
        } catch (UsageException e) {
            return tool.usageError(e);
        }
        return MemberChange.run(tool, id, admin -> admin.addLearner(member),
                "OK member " + id + " (" + member.address() + ") is a learner");
    }
}
