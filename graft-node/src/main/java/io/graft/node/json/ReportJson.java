package io.graft.node.json;

import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import java.util.Map;

/** Writes a {@link MemberReport} as the JSON of {@code /status}; durations in milliseconds, absent values as null. */
public final class ReportJson {

    private ReportJson() {
    }

    /** The report as a JSON object: what {@code graft report --json} prints. */
    public static String write(MemberReport r) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("memberId").value(r.memberId())
                .name("clusterId").value(r.clusterId());
        return fields(w, r);
    }

    /**
     * The report as a JSON object, as the admin endpoint {@code /status} serves it.
     *
     * @param running whether the member runs, added as {@code running}
     * @param atMillis when the report was taken, added as {@code atMillis}
     */
    public static String write(MemberReport r, boolean running, long atMillis) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("memberId").value(r.memberId())
                .name("clusterId").value(r.clusterId())
                .name("running").value(running)
                .name("atMillis").value(atMillis);
        return fields(w, r);
    }

    private static String fields(JsonWriter w, MemberReport r) {
        w.name("role").value(r.role().name())
                .name("term").value(r.term())
                .name("leaderId");
        if (r.leaderId().isPresent()) {
            w.value(r.leaderId().getAsInt());
        } else {
            w.nullValue();
        }
        w.name("catchingUp").value(r.catchingUp())
                .name("commitIndex").value(r.commitIndex())
                .name("appliedIndex").value(r.appliedIndex())
                .name("applyLag").value(r.applyLag())
                .name("firstLogIndex").value(r.firstLogIndex())
                .name("lastLogIndex").value(r.lastLogIndex())
                .name("logEntries").value(r.logEntries())
                .name("logBytes").value(r.logBytes())
                .name("snapshotIndex").value(r.snapshotIndex())
                .name("snapshotBytes").value(r.snapshotBytes())
                .name("pendingCommands").value(r.pendingCommands())
                .name("pendingReads").value(r.pendingReads())
                .name("uptimeMillis").value(r.uptime().toMillis())
                .name("failure").value(r.failure().orElse(null));
        membership(w.name("membership"), r.membership());
        w.name("followers").beginArray();
        for (FollowerReport f : r.followers()) {
            follower(w, f, r.lastLogIndex());
        }
        return w.endArray().endObject().toString();
    }

    private static void membership(JsonWriter w, Membership m) {
        w.beginObject().name("index").value(m.index());
        members(w.name("voters"), m.voters());
        members(w.name("learners"), m.learners());
        w.endObject();
    }

    private static void members(JsonWriter w, Map<Integer, Member> members) {
        w.beginArray();
        for (Member m : members.values()) {
            w.beginObject().name("id").value(m.id()).name("address").value(m.address()).endObject();
        }
        w.endArray();
    }

    private static void follower(JsonWriter w, FollowerReport f, long leaderLastIndex) {
        w.beginObject()
                .name("memberId").value(f.memberId())
                .name("voter").value(f.voter())
                .name("matchIndex").value(f.matchIndex())
                .name("nextIndex").value(f.nextIndex())
                .name("lag").value(f.lag(leaderLastIndex))
                .name("inflightAppends").value(f.inflightAppends())
                .name("mode").value(f.mode().name())
                .name("sinceLastContactMillis");
        if (f.sinceLastContact().isPresent()) {
            w.value(f.sinceLastContact().get().toMillis());
        } else {
            w.nullValue();
        }
        w.name("catchingUp").value(f.catchingUp()).endObject();
    }
}
