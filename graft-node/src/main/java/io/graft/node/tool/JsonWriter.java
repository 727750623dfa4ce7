package io.graft.node.tool;

/**
 * Writes one JSON value, compactly, as it is built: {@code beginObject().name("id").value(2).endObject()}. Commas
 * and escapes are its business; that names come in objects and values after names is the caller's.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Whether the next name or array element follows another, and so needs a comma. */
    private boolean afterValue;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        afterValue = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        afterValue = true;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        afterValue = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        afterValue = true;
        return this;
    }

    /** The name of the next member of the object being written. */
    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterValue = false;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        afterValue = true;
        return this;
    }

    JsonWriter value(long n) {
        separate();
        out.append(n);
        afterValue = true;
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        out.append(b);
        afterValue = true;
        return this;
    }

    /** {@code null}. */
    JsonWriter nullValue() {
        separate();
        out.append("null");
        afterValue = true;
        return this;
    }

    /** The JSON written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (afterValue) {
            out.append(',');
            afterValue = false;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
