package io.graft.node;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A launcher in a child JVM ({@code java -cp <this test class path> io.graft.node.NodeLauncher ...}), as an
 * operator runs it: its output (stdout and stderr together) is collected line by line, {@link #stop()} sends
 * SIGTERM, {@link #kill()} SIGKILL. Lets tests run members over real transports in separate processes.
 */
final class NodeProcess implements AutoCloseable {
    /** How long a child JVM may take to start its member (JVM start-up included). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private NodeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collectOutput, "output-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code io.graft.node.NodeLauncher} with {@code args} in a child JVM, without waiting for it. */
    static NodeProcess launch(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // The member's warnings stay in its output (for failure messages) and join the module's test log.
                "-Dgraft.log.console=WARN", "-Dgraft.test.process=node",
                "-cp", System.getProperty("java.class.path"), NodeLauncher.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(ClusterFile.ENV); // Only what the test passes.
        builder.environment().remove(NodeLauncher.ID_ENV);
        builder.environment().putAll(env);
        try {
            return new NodeProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM: " + command, e);
        }
    }

    /** Starts member {@code id} of the cluster in {@code config} and waits for its "started" line. */
    static NodeProcess start(Path config, int id) {
        NodeProcess node = launch(Map.of(), "--config", config.toString(), "--id", Integer.toString(id));
        node.awaitStarted();
        return node;
    }

    /** Waits for the "started" line; fails with the output if the process exits first. */
    void awaitStarted() {
        await().atMost(START_TIMEOUT).until(() -> output().contains(NodeLauncher.STARTED) || !process.isAlive());
        if (!output().contains(NodeLauncher.STARTED)) {
            throw new AssertionError("the node exited with " + exitCode(Duration.ofSeconds(5)) + " before starting:\n"
                    + output());
        }
    }

    /** Everything the process printed so far. */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and returns the exit code (0 once the launcher closed its member cleanly). */
    int stop() {
        // Through the handle: Process.destroy() would also close our end of the pipe and lose the last lines.
        process.toHandle().destroy();
        return exitCode(Duration.ofSeconds(30));
    }

    /** Sends SIGKILL, as a crash: no shutdown hook runs. */
    void kill() {
        process.toHandle().destroyForcibly();
        exitCode(Duration.ofSeconds(30));
    }

    /** Waits up to {@code timeout} for the process to exit, and returns its code. */
    int exitCode(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the node did not exit within " + timeout + ":\n" + output());
            }
            reader.join(timeout.toMillis()); // The rest of the output.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void collectOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
