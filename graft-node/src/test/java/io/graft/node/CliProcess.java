package io.graft.node;

import io.graft.node.tool.GraftTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code io.graft.node.GraftCli} or the administration tool {@code io.graft.node.tool.GraftTool} in a child
 * JVM, as a user runs them against a cluster of {@link NodeProcess}es.
 *
 * @param code the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CliProcess(int code, String out, String err) {

    /** Runs the key-value client with {@code args} and waits (at most a minute) for it to exit. */
    static CliProcess run(Path workDir, String... args) {
        return run(workDir, GraftCli.class.getName(), args);
    }

    /** Runs the administration tool with {@code args} and waits (at most a minute) for it to exit. */
    static CliProcess tool(Path workDir, String... args) {
        return run(workDir, GraftTool.class.getName(), args);
    }

    private static CliProcess run(Path workDir, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dgraft.test.process=cli", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "cli", ".out");
            Path err = Files.createTempFile(workDir, "cli", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove(ClusterFile.ENV);
            Process process = builder.start();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.toHandle().destroyForcibly();
                throw new AssertionError("the client did not exit within a minute: " + command);
            }
            return new CliProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
