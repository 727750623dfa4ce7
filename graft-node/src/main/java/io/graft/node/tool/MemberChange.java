package io.graft.node.tool;

import io.graft.api.ClusterAdmin;
import io.graft.node.ExitCodes;
import io.graft.node.UsageException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The shared body of the commands that change the membership or the leadership and print one line when done. */
final class MemberChange {
    private MemberChange() {
    }

    /**
     * Checks {@code id}, asks the leader for {@code change} and prints {@code okLine} once it is done.
     *
     * @return the exit code
     */
    static int run(GraftTool tool, int id, Function<ClusterAdmin, CompletableFuture<Void>> change, String okLine) {
        try {
            MemberIds.check(id);
        } catch (UsageException e) {
            return tool.usageError(e);
        }
        return tool.request(session -> change.apply(session.admin()), (nothing, out) -> {
            out.println(okLine);
            return ExitCodes.OK;
        }, Failures.CHANGE_UNKNOWN);
    }
}
