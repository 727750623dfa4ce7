package io.graft.node.tool;

import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member report for people: one {@code name  value} line per fact, then the membership and, on a leader, a table
 * of its followers' replication.
 */
final class ReportTable {
    private static final String ROW = "%-15s %s%n";

    private ReportTable() {
    }

    static String of(MemberReport r) {
        StringBuilder s = new StringBuilder();
        Member self = member(r.membership(), r.memberId());
        row(s, "member", r.memberId() + (self != null ? " (" + self.address() + ")" : ""));
        row(s, "cluster", r.clusterId());
        row(s, "role", StatusLine.role(r));
        row(s, "term", Long.toString(r.term()));
        row(s, "leader", r.leaderId().isPresent() ? "member " + r.leaderId().getAsInt() : "none known");
        if (r.catchingUp()) {
            row(s, "catching up", "yes: it votes once a leader confirms it holds the log");
        }
        row(s, "commit index", Long.toString(r.commitIndex()));
        row(s, "applied index", r.appliedIndex() + " (" + r.applyLag() + " committed entries not yet applied)");
        row(s, "log", r.logEntries() == 0 ? "empty" : String.format(Locale.ROOT, "entries %d to %d (%d, %s)",
                r.firstLogIndex(), r.lastLogIndex(), r.logEntries(), Units.bytes(r.logBytes())));
        row(s, "snapshot", r.snapshotIndex() == 0 ? "none"
                : "up to index " + r.snapshotIndex() + " (" + Units.bytes(r.snapshotBytes()) + ")");
        row(s, "pending", count(r.pendingCommands(), "command") + ", " + count(r.pendingReads(), "read"));
        row(s, "uptime", Units.uptime(r.uptime()));
        r.failure().ifPresent(f -> row(s, "failure", f));
        membership(s, r.membership());
        if (!r.followers().isEmpty()) {
            followers(s, r);
        }
        return s.toString();
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append(String.format(Locale.ROOT, ROW, name, value));
    }

    private static void membership(StringBuilder s, Membership m) {
        row(s, "members", m.index() == 0 ? "the cluster file's (no change made yet)"
                : "the configuration at log index " + m.index());
        Map<Integer, String> kinds = new TreeMap<>();
        m.voters().keySet().forEach(id -> kinds.put(id, "voter"));
        m.learners().keySet().forEach(id -> kinds.put(id, "learner"));
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> e : kinds.entrySet()) {
            rows.add(new String[] {"", Integer.toString(e.getKey()), member(m, e.getKey()).address(), e.getValue()});
        }
        table(s, rows);
    }

    private static void followers(StringBuilder s, MemberReport r) {
        s.append("followers\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "MEMBER", "VOTES", "MATCH", "NEXT", "IN FLIGHT", "MODE", "LAST CONTACT", "LAG"});
        for (FollowerReport f : r.followers()) {
            rows.add(new String[] {"", Integer.toString(f.memberId()), f.voter() ? "yes" : "no",
                    Long.toString(f.matchIndex()), Long.toString(f.nextIndex()), Integer.toString(f.inflightAppends()),
                    f.mode().name().toLowerCase(Locale.ROOT) + (f.catchingUp() ? ", catching up" : ""),
                    f.sinceLastContact().map(d -> Units.ago(d) + " ago").orElse("never"),
                    Long.toString(f.lag(r.lastLogIndex()))});
        }
        table(s, rows);
    }

    /** Rows of cells in left-aligned columns two spaces apart. */
    private static void table(StringBuilder s, List<String[]> rows) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(String.format("%-" + Math.max(1, widths[c]) + "s", row[c]));
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static Member member(Membership m, int id) {
        Member member = m.voters().get(id);
        return member != null ? member : m.learners().get(id);
    }
}
