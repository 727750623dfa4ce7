package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.node.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code add-member ID ADDRESS}: adds a voting member; prints {@code OK member ID (ADDRESS) is a voter}. */
@Command(name = "add-member", description = {"Adds a voting member.",
        "Member ID at ADDRESS (host or host:port) joins as a learner, catches up, and is promoted to voter; one"
                + " member changes at a time. Start it first with graft-node --join and a cluster file that lists"
                + " it. Prints 'OK member ID (ADDRESS) is a voter' once the promotion is committed; exits with 1 if"
                + " the change was refused (another change in progress: retry)."})
final class AddMemberCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Parameters(index = "0", paramLabel = "ID", description = "The new member's id.")
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
        return MemberChange.run(tool, id, admin -> admin.addMember(member),
                "OK member " + id + " (" + member.address() + ") is a voter");
    }
}
