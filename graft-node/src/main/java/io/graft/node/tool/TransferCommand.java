package io.graft.node.tool;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code transfer ID}: hands leadership to member ID; prints {@code OK member ID leads}. */
@Command(name = "transfer", description = {"Hands leadership to member ID, a voter.",
        "The leader stops taking writes, brings ID up to date and tells it to campaign at once. Prints 'OK member"
                + " ID leads' once it does; exits with 1 if ID is not a voter or did not take over in time (nothing"
                + " changed; retry)."})
final class TransferCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Parameters(index = "0", paramLabel = "ID", description = "The member to lead.")
    private int id;

    @Override
    public Integer call() {
        return MemberChange.run(tool, id, admin -> admin.transferLeadership(id), "OK member " + id + " leads");
    }
}
