package io.graft.node.admin;

import io.graft.api.event.ElectionStarted;
import io.graft.api.event.LeaderChanged;
import io.graft.api.event.MemberStopped;
import io.graft.api.event.MembershipCommitted;
import io.graft.api.event.RaftEvent;
import io.graft.api.event.RoleChanged;
import io.graft.api.event.SnapshotInstalled;
import io.graft.api.event.SnapshotTaken;
import io.graft.node.json.JsonWriter;
import java.util.List;

/**
 * Writes events as the JSON of {@code /events}: an array of objects with {@code seq}, {@code type} (the event's
 * class name, e.g. {@code LeaderChanged}), {@code memberId}, {@code at} (ISO-8601), {@code atMillis}, a
 * {@code summary} in words, and the event's own fields.
 */
final class EventJson {

    private EventJson() {
    }

    static String write(List<EventLog.Entry> entries) {
        JsonWriter w = new JsonWriter().beginArray();
        for (EventLog.Entry entry : entries) {
            RaftEvent e = entry.event();
            w.beginObject()
                    .name("seq").value(entry.seq())
                    .name("type").value(e.getClass().getSimpleName())
                    .name("memberId").value(e.memberId())
                    .name("at").value(e.at().toString())
                    .name("atMillis").value(e.at().toEpochMilli())
                    .name("summary").value(summary(e));
            fields(w, e);
            w.endObject();
        }
        return w.endArray().toString();
    }

    /** The event in a few words. */
    static String summary(RaftEvent e) {
        if (e instanceof RoleChanged r) {
            return "member " + r.memberId() + ": " + name(r.from().name()) + " \u2192 " + name(r.to().name())
                    + " in term " + r.term();
        }
        if (e instanceof LeaderChanged l) {
            return l.leaderId().isPresent() ? "member " + l.leaderId().getAsInt() + " leads term " + l.term()
                    : "no leader known in term " + l.term();
        }
        if (e instanceof ElectionStarted s) {
            return "member " + s.memberId() + " started " + (s.preVote() ? "a pre-vote" : "an election") + " for term "
                    + s.term();
        }
        if (e instanceof MembershipCommitted m) {
            return "membership committed at index " + m.membership().index() + ": voters "
                    + m.membership().voters().keySet() + (m.membership().learners().isEmpty() ? ""
                    : ", learners " + m.membership().learners().keySet());
        }
        if (e instanceof SnapshotTaken t) {
            return "snapshot taken up to index " + t.index() + " (" + t.bytes() + " bytes in " + t.took().toMillis()
                    + " ms)";
        }
        if (e instanceof SnapshotInstalled i) {
            return "snapshot installed up to index " + i.index() + " (" + i.bytes() + " bytes)";
        }
        MemberStopped stopped = (MemberStopped) e;
        return "member " + stopped.memberId() + " stopped by itself: " + stopped.cause();
    }

    private static void fields(JsonWriter w, RaftEvent e) {
        if (e instanceof RoleChanged r) {
            w.name("term").value(r.term()).name("from").value(r.from().name()).name("to").value(r.to().name());
        } else if (e instanceof LeaderChanged l) {
            w.name("term").value(l.term()).name("leaderId");
            if (l.leaderId().isPresent()) {
                w.value(l.leaderId().getAsInt());
            } else {
                w.nullValue();
            }
        } else if (e instanceof ElectionStarted s) {
            w.name("term").value(s.term()).name("preVote").value(s.preVote());
        } else if (e instanceof MembershipCommitted m) {
            w.name("index").value(m.membership().index());
        } else if (e instanceof SnapshotTaken t) {
            w.name("index").value(t.index()).name("term").value(t.term()).name("bytes").value(t.bytes())
                    .name("tookMillis").value(t.took().toMillis());
        } else if (e instanceof SnapshotInstalled i) {
            w.name("index").value(i.index()).name("term").value(i.term()).name("bytes").value(i.bytes());
        } else if (e instanceof MemberStopped s) {
            w.name("cause").value(String.valueOf(s.cause()));
        }
    }

    private static String name(String role) {
        return role.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
