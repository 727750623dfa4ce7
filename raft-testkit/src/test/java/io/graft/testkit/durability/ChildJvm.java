package io.graft.testkit.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class run in a child JVM on this JVM's class path: its standard output read line by line
 * (with deadlines), its standard error kept in a file, and killed with SIGKILL ({@link Process#destroyForcibly}
 * on Linux).
 */
final class ChildJvm implements AutoCloseable {
    /** Marks the end of the child's output in {@link #lines}; compared by identity. */
    private static final String END = new String("<end of output>");

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private boolean ended;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::readOutput, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args}; its standard error goes to the file {@code stderr}. */
    static ChildJvm start(Class<?> main, Path stderr, Object... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                // Its warnings (a torn tail cut) stay on its standard error, which the tests read.
                "-Dgraft.log.console=WARN", "-Dgraft.test.process=child",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        try {
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            p.getOutputStream().close();
            return new ChildJvm(p, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM: " + command, e);
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // The child died mid-line: what it printed whole is already queued.
        } finally {
            lines.add(END);
        }
    }

    /**
     * The next line of output, or {@code null} when {@code timeout} passes first.
     *
     * @throws AssertionError if the output ended (the child exited), with its standard error
     */
    String nextLine(Duration timeout) throws InterruptedException {
        if (ended) {
            throw new AssertionError("the child's output ended; its standard error:\n" + stderr());
        }
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == END) {
            ended = true;
            throw new AssertionError("the child exited (" + exitDescription() + "); its standard error:\n" + stderr());
        }
        return line;
    }

    /**
     * Kills the child with SIGKILL, waits for it to exit, and returns the lines it printed that were not read
     * yet (they were printed before it died).
     */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not die within 30 s of SIGKILL");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        List<String> rest = new ArrayList<>();
        String line;
        while (!ended && (line = lines.poll()) != null) {
            if (line == END) {
                ended = true;
            } else {
                rest.add(line);
            }
        }
        return rest;
    }

    /** What the child wrote to standard error so far. */
    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String exitDescription() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
