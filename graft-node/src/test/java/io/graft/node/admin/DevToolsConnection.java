package io.graft.node.admin;

import io.graft.node.json.JsonWriter;
import io.graft.node.json.TestJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket to Chromium's DevTools endpoint (the browser's or a page's), speaking the Chrome DevTools Protocol:
 * {@link #call} sends a command and waits for its answer. Events the browser sends unasked are ignored.
 */
final class DevToolsConnection implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private DevToolsConnection(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to a DevTools WebSocket URL ({@code ws://127.0.0.1:PORT/devtools/...}). */
    static DevToolsConnection open(URI url) throws InterruptedException {
        Listener listener = new Listener();
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(url, listener).get(20, TimeUnit.SECONDS);
            DevToolsConnection connection = new DevToolsConnection(socket);
            listener.connection = connection;
            return connection;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to Chromium's DevTools at " + url, e);
        }
    }

    /**
     * Sends {@code method} with {@code params} (a JSON object's text) and returns the answer's {@code result}.
     *
     * @throws IllegalStateException when the browser answers with an error, or not within 30 s
     */
    Map<String, Object> call(String method, String params) throws InterruptedException {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String message = "{\"id\":" + id + ",\"method\":" + new JsonWriter().value(method) + ",\"params\":" + params
                + "}";
        try {
            socket.sendText(message, true).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Object> response = answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.containsKey("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return TestJson.asObject(response.get("result"));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void received(String message) {
        Map<String, Object> parsed = TestJson.object(message);
        if (parsed.get("id") instanceof Long id) {
            CompletableFuture<Map<String, Object>> answer = pending.get(id);
            if (answer != null) {
                answer.complete(parsed);
            }
        }
    }

    /** Puts the parts of each text message together. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();
        volatile DevToolsConnection connection;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                if (connection != null) {
                    connection.received(text);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
