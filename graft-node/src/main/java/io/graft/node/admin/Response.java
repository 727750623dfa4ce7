package io.graft.node.admin;

import java.nio.charset.StandardCharsets;

/**
 * One answer of the admin server.
 *
 * @param status the HTTP status
 * @param contentType its {@code Content-Type}
 * @param body the bytes of the body
 * @param cacheable whether a browser may keep it (the dashboard's static files); dynamic answers say
 *                  {@code no-store}
 */
record Response(int status, String contentType, byte[] body, boolean cacheable) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static Response json(int status, String json) {
        return new Response(status, JSON, json.getBytes(StandardCharsets.UTF_8), false);
    }

    static Response text(int status, String text) {
        return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8), false);
    }
}
