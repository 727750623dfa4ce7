package io.graft.node.admin;

import io.graft.node.json.JsonWriter;
import java.util.List;

/**
 * Writes samples as the JSON of {@code /history}: an array of objects with {@code atMillis}, {@code role},
 * {@code term}, {@code leaderId}, {@code commitIndex}, {@code appliedIndex}, {@code commitsPerSecond},
 * {@code latencyMeanMillis} and {@code latencyMaxMillis} (null when unknown), oldest first.
 */
final class HistoryJson {

    private HistoryJson() {
    }

    static String write(List<Sample> samples) {
        JsonWriter w = new JsonWriter().beginArray();
        for (Sample s : samples) {
            w.beginObject()
                    .name("atMillis").value(s.atMillis())
                    .name("role").value(s.role().name())
                    .name("term").value(s.term())
                    .name("leaderId");
            if (s.leaderId().isPresent()) {
                w.value(s.leaderId().getAsInt());
            } else {
                w.nullValue();
            }
            w.name("commitIndex").value(s.commitIndex())
                    .name("appliedIndex").value(s.appliedIndex())
                    .name("commitsPerSecond").value(s.commitsPerSecond())
                    .name("latencyMeanMillis");
            if (s.latencyMeanMillis().isPresent()) {
                w.value(s.latencyMeanMillis().getAsDouble());
            } else {
                w.nullValue();
            }
            w.name("latencyMaxMillis");
            if (s.latencyMaxMillis().isPresent()) {
                w.value(s.latencyMaxMillis().getAsDouble());
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        return w.endArray().toString();
    }
}
