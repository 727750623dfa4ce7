package io.graft.node.tool;

import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import java.util.Collection;

/**
 * A member report as one JSON object, for scripts ({@code graft report --json | jq .commitIndex}). Its names are
 * those of {@link MemberReport}'s components, plus {@code logEntries} and {@code applyLag}; durations are whole
 * milliseconds ({@code uptimeMillis}, {@code sinceLastContactMillis}); roles and replication modes are the enum
 * constants' names; an absent leader, failure or last contact is {@code null}. Each follower also has its
 * {@code lag} behind the leader's last log index.
 */
final class ReportJson {
    private ReportJson() {
    }

    static String of(MemberReport r) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("memberId").value(r.memberId());
        json.name("clusterId").value(r.clusterId());
        json.name("role").value(r.role().name());
        json.name("term").value(r.term());
        json.name("leaderId");
        if (r.leaderId().isPresent()) {
            json.value(r.leaderId().getAsInt());
        } else {
            json.nullValue();
        }
        json.name("catchingUp").value(r.catchingUp());
        json.name("commitIndex").value(r.commitIndex());
        json.name("appliedIndex").value(r.appliedIndex());
        json.name("applyLag").value(r.applyLag());
        json.name("firstLogIndex").value(r.firstLogIndex());
        json.name("lastLogIndex").value(r.lastLogIndex());
        json.name("logEntries").value(r.logEntries());
        json.name("logBytes").value(r.logBytes());
        json.name("snapshotIndex").value(r.snapshotIndex());
        json.name("snapshotBytes").value(r.snapshotBytes());
        json.name("pendingCommands").value(r.pendingCommands());
        json.name("pendingReads").value(r.pendingReads());
        json.name("uptimeMillis").value(r.uptime().toMillis());
        json.name("failure").value(r.failure().orElse(null));
        json.name("membership");
        membership(json, r.membership());
        json.name("followers").beginArray();
        for (FollowerReport f : r.followers()) {
            follower(json, f, r.lastLogIndex());
        }
        return json.endArray().endObject().toString();
    }

    private static void membership(JsonWriter json, Membership m) {
        json.beginObject().name("index").value(m.index());
        json.name("voters");
        members(json, m.voters().values());
        json.name("learners");
        members(json, m.learners().values());
        json.endObject();
    }

    private static void members(JsonWriter json, Collection<Member> members) {
        json.beginArray();
        for (Member m : members) {
            json.beginObject().name("id").value(m.id()).name("host").value(m.host()).name("port").value(m.port())
                    .endObject();
        }
        json.endArray();
    }

    private static void follower(JsonWriter json, FollowerReport f, long leaderLastIndex) {
        json.beginObject();
        json.name("memberId").value(f.memberId());
        json.name("voter").value(f.voter());
        json.name("matchIndex").value(f.matchIndex());
        json.name("nextIndex").value(f.nextIndex());
        json.name("inflightAppends").value(f.inflightAppends());
        json.name("mode").value(f.mode().name());
        json.name("sinceLastContactMillis");
        if (f.sinceLastContact().isPresent()) {
            json.value(f.sinceLastContact().get().toMillis());
        } else {
            json.nullValue();
        }
        json.name("catchingUp").value(f.catchingUp());
        json.name("lag").value(f.lag(leaderLastIndex));
        json.endObject();
    }
}
