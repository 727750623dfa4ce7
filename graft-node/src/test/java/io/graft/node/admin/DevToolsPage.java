package io.graft.node.admin;

import static org.awaitility.Awaitility.await;

import io.graft.node.json.JsonWriter;
import io.graft.node.json.TestJson;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** One browser tab, driven over the Chrome DevTools Protocol. */
final class DevToolsPage implements AutoCloseable {
    private final DevToolsConnection connection;

    DevToolsPage(DevToolsConnection connection) {
        this.connection = connection;
    }

    /** Sets the window's size in CSS pixels. */
    void resize(int width, int height) throws InterruptedException {
        connection.call("Emulation.setDeviceMetricsOverride", "{\"width\":" + width + ",\"height\":" + height
                + ",\"deviceScaleFactor\":1,\"mobile\":false}");
    }

    /** Opens {@code url} and waits until the document has loaded. */
    void navigate(URI url) throws InterruptedException {
        Map<String, Object> result = connection.call("Page.navigate",
                "{\"url\":" + new JsonWriter().value(url.toString()) + "}");
        if (result.get("errorText") != null) {
            throw new IllegalStateException("cannot open " + url + ": " + result.get("errorText"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(evaluate("document.readyState")));
    }

    /**
     * Evaluates a JavaScript expression in the page and returns its value through JSON (objects as maps, see
     * {@link TestJson}).
     *
     * @throws IllegalStateException when the expression throws
     */
    Object evaluate(String expression) throws InterruptedException {
        String wrapped = "JSON.stringify((() => (" + expression + "))())";
        Map<String, Object> result = connection.call("Runtime.evaluate", "{\"expression\":"
                + new JsonWriter().value(wrapped) + ",\"returnByValue\":true}");
        if (result.containsKey("exceptionDetails")) {
            throw new IllegalStateException("'" + expression + "' threw: " + result.get("exceptionDetails"));
        }
        Object value = TestJson.asObject(result.get("result")).get("value");
        return value == null ? null : TestJson.parse((String) value);
    }

    /** A PNG of the whole page as it is now. */
    byte[] screenshot() throws InterruptedException {
        Map<String, Object> result = connection.call("Page.captureScreenshot",
                "{\"format\":\"png\",\"captureBeyondViewport\":true}");
        return Base64.getDecoder().decode((String) result.get("data"));
    }

    @Override
    public void close() {
        connection.close();
    }
}
