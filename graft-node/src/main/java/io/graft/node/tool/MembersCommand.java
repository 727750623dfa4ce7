package io.graft.node.tool;

import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.node.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code members}: the membership in effect on the leader, one line per member ({@code member ID  ADDRESS  voter}
 * or {@code learner}), then the log index of the configuration.
 */
@Command(name = "members", description = {"Shows the cluster's members as the leader sees them.",
        "The leader's view is the latest configuration in its log, which may differ from the cluster file. Prints"
                + " one line per member with its address and role (voter or learner), then the log index of that"
                + " configuration."})
final class MembersCommand implements Callable<Integer> {
    @ParentCommand
    private GraftTool tool;

    @Override
    public Integer call() {
        return tool.request(session -> session.admin().membership(), MembersCommand::print, Failures.NOTHING_CHANGED);
    }

    private static int print(Membership m, PrintWriter out) {
        Map<Integer, String> roles = new TreeMap<>();
        Map<Integer, Member> all = new TreeMap<>(m.voters());
        all.putAll(m.learners());
        m.voters().keySet().forEach(id -> roles.put(id, "voter"));
        m.learners().keySet().forEach(id -> roles.put(id, "learner"));
        int width = all.values().stream().mapToInt(member -> member.address().length()).max().orElse(0);
        for (Member member : all.values()) {
            out.println(String.format("member %d  %-" + width + "s  %s", member.id(), member.address(),
                    roles.get(member.id())));
        }
        out.println(m.index() == 0 ? "configuration: the cluster file's members (no change made yet)"
                : "configuration: log index " + m.index());
        return ExitCodes.OK;
    }
}
