package io.graft.node.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tool's JSON: commas where they belong, and every string escaped. */
class JsonWriterShapeTest {

    @Test
    void nestedObjectsAndArraysGetTheirCommas() {
        String json = new JsonWriter().beginObject().name("a").value(1).name("b").beginArray().value(true)
                .nullValue().beginObject().endObject().beginArray().endArray().value("x").endArray()
                .name("c").value((String) null).endObject().toString();

        assertThat(json).isEqualTo("{\"a\":1,\"b\":[true,null,{},[],\"x\"],\"c\":null}");
    }

    @Test
    void stringsAreEscaped() {
        String json = new JsonWriter().value("quote \" backslash \\ line\nfeed\ttab \u0001 \u2028 é ✗").toString();

        assertThat(json).isEqualTo("\"quote \\\" backslash \\\\ line\\nfeed\\ttab \\u0001 \\u2028 é ✗\"");
    }
}
