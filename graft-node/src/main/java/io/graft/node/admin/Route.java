package io.graft.node.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only endpoint: answers {@code GET} and {@code HEAD} on its exact path (other paths under it are 404,
 * other methods 405), and turns an exception into a 500 with its message.
 */
final class Route implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    /** Computes the answer to one request. */
    @FunctionalInterface
    interface Handler {
        /** The answer, or empty for 404. */
        Optional<Response> answer(String path, Map<String, String> query) throws Exception;
    }

    private final String path;
    private final boolean prefix;
    private final Handler handler;

    private Route(String path, boolean prefix, Handler handler) {
        this.path = path;
        this.prefix = prefix;
        this.handler = handler;
    }

    /** A route answering only {@code path} itself. */
    static Route exact(String path, Handler handler) {
        return new Route(path, false, handler);
    }

    /** A route answering {@code path} and everything under it (the handler decides what exists). */
    static Route under(String path, Handler handler) {
        return new Route(path, true, handler);
    }

    String path() {
        return path;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String requested = exchange.getRequestURI().getPath();
            Response response;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = Response.text(405, "only GET and HEAD are served here\n");
            } else if (!prefix && !requested.equals(path)) {
                response = Response.text(404, "not found: " + requested + "\n");
            } else {
                response = answer(requested, exchange.getRequestURI().getRawQuery());
            }
            send(exchange, method.equals("HEAD"), response);
        }
    }

    private Response answer(String requested, String rawQuery) {
        try {
            return handler.answer(requested, Query.parse(rawQuery))
                    .orElseGet(() -> Response.text(404, "not found: " + requested + "\n"));
        } catch (IllegalArgumentException e) {
            return Response.text(400, e.getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.text(503, "interrupted\n");
        } catch (Exception e) {
            LOG.warn("The admin endpoint {} failed", requested, e);
            return Response.text(500, "failed: " + e + "\n");
        }
    }

    private static void send(HttpExchange exchange, boolean head, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", response.cacheable() ? "no-cache" : "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (head) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Reads query parameters. */
    static final class Query {
        private Query() {
        }

        static Map<String, String> parse(String raw) {
            Map<String, String> params = new HashMap<>();
            if (raw == null || raw.isEmpty()) {
                return params;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            return params;
        }

        /** A whole number parameter, or empty when absent; IllegalArgumentException (a 400) when not a number. */
        static OptionalLong number(Map<String, String> query, String name) {
            String value = query.get(name);
            if (value == null || value.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + value + "'");
            }
        }
    }
}
