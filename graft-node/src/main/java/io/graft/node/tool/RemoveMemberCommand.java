package io.graft.node.tool;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code remove-member ID}: removes a voter or learner; prints {@code OK member ID removed; shut it down}. */
@Command(name = "remove-member", description = {"Removes member ID, a voter or a learner.",
        "Prints 'OK member ID removed' once the change is committed; then shut that member down. A leader that"
                + " removes itself hands over first. Exits with 1 if the change was refused (another change in"
                + " progress: retry)."})
final class RemoveMemberCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Parameters(index = "0", paramLabel = "ID", description = "The member to remove.")
    private int id;

    @Override
    public Integer call() {
        return MemberChange.run(tool, id, admin -> admin.removeMember(id), "OK member " + id + " removed; shut it down");
    }
}
