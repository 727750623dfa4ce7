package io.graft.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.node.json.JsonWriter;
import io.graft.node.json.TestJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArraysWithCommasInPlace() {
        String json = new JsonWriter().beginObject()
                .name("id").value(3)
                .name("ok").value(true)
                .name("none").nullValue()
                .name("list").beginArray().value(1).value("two").beginObject().name("x").value(1.5).endObject()
                .endArray()
                .name("empty").beginArray().endArray()
                .endObject().toString();

        assertThat(json).isEqualTo("{\"id\":3,\"ok\":true,\"none\":null,\"list\":[1,\"two\",{\"x\":1.5}],\"empty\":[]}");
        assertThat(TestJson.object(json)).containsEntry("id", 3L).containsEntry("list", List.of(1L, "two", Map.of("x", 1.5)));
    }

    @Test
    void escapesWhatJsonAndJavaScriptRequire() {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 separator \u2028 é";
        String json = new JsonWriter().beginArray().value(nasty).endArray().toString();

        assertThat(json).doesNotContain("\n", "\t", "\u0007", "\u2028").contains("\\u0007", "\\u2028", "é");
        assertThat(TestJson.array(json)).containsExactly(nasty);
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertThat(new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray().toString())
                .isEqualTo("[null,null]");
    }
}
