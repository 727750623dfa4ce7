package io.graft.node.admin;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK: started with
 * {@code --remote-debugging-port=0}, it prints the WebSocket address of its DevTools endpoint on stderr, which
 * {@link #newPage()} uses to open a tab. Closing it ends the browser and every process it started.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Set to 1 to fail, not skip, a browser test when Chromium is missing (CI sets it). */
    static final String REQUIRE_ENV = "GRAFT_REQUIRE_BROWSER";
    private static final List<String> EXECUTABLES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final String LISTENING = "DevTools listening on ";

    private final Process process;
    private final DevToolsConnection browser;
    private final URI endpoint;
    private final List<String> stderr;

    private HeadlessChromium(Process process, DevToolsConnection browser, URI endpoint, List<String> stderr) {
        this.process = process;
        this.browser = browser;
        this.endpoint = endpoint;
        this.stderr = stderr;
    }

    /**
     * The Chromium to run ({@code $CHROMIUM}, else the first of {@code /usr/bin/chromium},
     * {@code /usr/bin/chromium-browser} and {@code /usr/bin/google-chrome} that exists). Without one the calling test
     * is skipped, or fails where {@value #REQUIRE_ENV}=1.
     */
    static Path executableOrSkip() {
        Optional<Path> found = Stream.concat(Optional.ofNullable(System.getenv("CHROMIUM")).stream(),
                EXECUTABLES.stream()).map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "no Chromium found (looked for $CHROMIUM and " + EXECUTABLES + "); install Debian's"
                    + " 'chromium' package to run the dashboard's browser test";
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                fail(message + " (" + REQUIRE_ENV + "=1 makes this an error)");
            }
            Assumptions.abort(message + "; skipped");
        }
        return found.get();
    }

    /** Starts Chromium with a fresh profile in {@code profile} and connects to it. */
    static HeadlessChromium start(Path executable, Path profile) throws IOException, InterruptedException {
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> stderr = new ArrayList<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStderr(process, stderr, endpoint), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            URI url = endpoint.get(60, TimeUnit.SECONDS);
            return new HeadlessChromium(process, DevToolsConnection.open(url), url, stderr);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            destroy(process);
            synchronized (stderr) {
                throw new IllegalStateException("Chromium did not start its DevTools endpoint; it printed:\n"
                        + String.join("\n", stderr), e);
            }
        }
    }

    /** Opens a new tab on {@code about:blank}. */
    DevToolsPage newPage() throws InterruptedException {
        String targetId = (String) browser.call("Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId");
        URI page = URI.create("ws://" + endpoint.getHost() + ":" + endpoint.getPort() + "/devtools/page/" + targetId);
        return new DevToolsPage(DevToolsConnection.open(page));
    }

    /** What Chromium printed on stderr so far, for failure messages. */
    String log() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() {
        browser.close();
        destroy(process);
    }

    private static void destroy(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static void readStderr(Process process, List<String> lines, CompletableFuture<URI> endpoint) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith(LISTENING)) {
                    endpoint.complete(URI.create(line.substring(LISTENING.length()).trim()));
                }
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium exited"));
        } catch (IOException e) {
            endpoint.completeExceptionally(new UncheckedIOException(e));
        }
    }
}
