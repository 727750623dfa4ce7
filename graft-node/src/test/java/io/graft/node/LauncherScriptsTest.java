package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/graft-node}, {@code bin/graft-cli} and {@code bin/graft} find the jar next to themselves, from any
 * working directory and through a symbolic link. They run here from a copy of the module's layout ({@code graft-node/bin/},
 * {@code graft-node/target/graft-node.jar}) whose jar is a manifest pointing at this test's class path, since the
 * real jar is built after the tests.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptsTest {
    @TempDir
    Path dir;

    private Path module;
    private Path elsewhere;
    private Path archives;

    /** What a script printed and returned. */
    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void copyTheModuleLayout() throws IOException {
        module = Files.createDirectories(dir.resolve("checkout").resolve("graft-node"));
        Path bin = Files.createDirectories(module.resolve("bin"));
        for (String script : List.of("graft-node", "graft-cli", "graft")) {
            Path copy = Files.copy(Path.of("bin", script), bin.resolve(script));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        elsewhere = Files.createDirectories(dir.resolve("somewhere-else"));
        archives = Files.createDirectories(dir.resolve("cds"));
    }

    @Test
    void theScriptsRunTheJarNextToThemFromAnyDirectory() {
        writeJar(module.resolve("target").resolve("graft-node.jar"));

        Run cli = run(module.resolve("bin").resolve("graft-cli").toString(), "--help");
        assertThat(cli.code()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Usage: graft-cli");

        Run node = run(module.resolve("bin").resolve("graft-node").toString(), "--help");
        assertThat(node.code()).as(node.err()).isZero();
        assertThat(node.out()).startsWith("Usage: graft-node");

        Run tool = run(module.resolve("bin").resolve("graft").toString(), "--help");
        assertThat(tool.code()).as(tool.err()).isZero();
        assertThat(tool.out()).startsWith("Usage: graft ");
    }

    @Test
    void theToolKeepsItsExitCodeAndRecordsNoArchiveForAJarThatNamesOthers() throws IOException {
        writeJar(module.resolve("target").resolve("graft-node.jar"));

        Run tool = run(module.resolve("bin").resolve("graft").toString(), "status");

        assertThat(tool.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(tool.err()).contains("graft: no cluster file");
        try (var files = Files.list(archives)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theScriptsWorkThroughASymbolicLink() throws IOException {
        writeJar(module.resolve("target").resolve("graft-node.jar"));
        Path links = Files.createDirectories(dir.resolve("links"));
        Path link = Files.createSymbolicLink(links.resolve("graft-cli"), module.resolve("bin").resolve("graft-cli"));
        Path toolLink = Files.createSymbolicLink(links.resolve("graft"), module.resolve("bin").resolve("graft"));

        Run cli = run(link.toString(), "--help");
        Run tool = run(toolLink.toString(), "--help");

        assertThat(cli.code()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Usage: graft-cli");
        assertThat(tool.code()).as(tool.err()).isZero();
        assertThat(tool.out()).startsWith("Usage: graft ");
    }

    @Test
    void aMissingJarIsNamedWithTheCommandThatBuildsIt() {
        Run cli = run(module.resolve("bin").resolve("graft-cli").toString(), "status");

        assertThat(cli.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains(module.resolve("target").resolve("graft-node.jar") + " does not exist",
                "./mvnw -q -DskipTests package", "GRAFT_JAR");
        Run tool = run(module.resolve("bin").resolve("graft").toString(), "status");
        assertThat(tool.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(tool.err()).startsWith("graft: ").contains(module.resolve("target").resolve("graft-node.jar")
                + " does not exist");
    }

    /** A jar holding only a manifest: NodeLauncher as main class, and this test's class path. */
    private static void writeJar(Path jar) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, NodeLauncher.class.getName());
        main.put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(p -> Path.of(p).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out,
                    manifest)) {
                // The manifest is all it holds.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} with {@code args} in another directory, with this JVM as JAVA_HOME. */
    private Run run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "script", ".out");
            Path err = Files.createTempFile(dir, "script", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("GRAFT_JAR");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS", "-Xmx64m -XX:TieredStopAtLevel=1 -Dgraft.test.process=script");
            builder.environment().put("GRAFT_CDS_DIR", archives.toString());
            builder.environment().remove(ClusterFile.ENV);
            Process process = builder.start();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.toHandle().destroyForcibly();
                throw new AssertionError("the script did not exit within a minute: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
