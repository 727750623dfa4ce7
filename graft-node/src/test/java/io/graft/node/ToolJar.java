package io.graft.node;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a self-contained jar, as the build's {@code graft-node.jar} is, from this test's class path without its
 * test classes: what {@code bin/graft} runs in tests. It holds no test plug-in (no {@code counter} state machine or
 * codec), and needs no {@code Class-Path}, so that class-data sharing can archive it. Service files of the same name
 * are merged, as the build's shading merges them.
 */
final class ToolJar {
    private static final String SERVICES = "META-INF/services/";

    private final Set<String> written = new HashSet<>();
    private final Map<String, StringBuilder> services = new LinkedHashMap<>();
    private final JarOutputStream out;

    private ToolJar(JarOutputStream out) {
        this.out = out;
    }

    /** Writes the jar to {@code jar}. */
    static void write(Path jar) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, NodeLauncher.class.getName());
        manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                ToolJar writer = new ToolJar(out);
                writer.written.add(JarFile.MANIFEST_NAME);
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    Path p = Path.of(entry);
                    if (p.getFileName().toString().equals("test-classes")) {
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        writer.addDirectory(p);
                    } else if (Files.isRegularFile(p)) {
                        writer.addJar(p);
                    }
                }
                writer.writeServices();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addDirectory(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                try (InputStream in = Files.newInputStream(f)) {
                    add(name, in);
                }
            }
        }
    }

    private void addJar(Path path) throws IOException {
        try (JarFile jar = new JarFile(path.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                if (!e.isDirectory()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        add(e.getName(), in);
                    }
                }
            }
        }
    }

    private void add(String name, InputStream in) throws IOException {
        if (name.startsWith(SERVICES) && name.length() > SERVICES.length()) {
            services.computeIfAbsent(name, n -> new StringBuilder())
                    .append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            return;
        }
        if (skipped(name) || !written.add(name)) {
            return; // The first of two copies wins, as in the build's jar.
        }
        out.putNextEntry(new JarEntry(name));
        in.transferTo(out);
        out.closeEntry();
    }

    private static boolean skipped(String name) {
        return name.endsWith("module-info.class") || name.equals(JarFile.MANIFEST_NAME)
                || List.of(".SF", ".DSA", ".RSA").stream().anyMatch(s -> name.startsWith("META-INF/") && name.endsWith(s));
    }

    private void writeServices() throws IOException {
        for (Map.Entry<String, StringBuilder> e : services.entrySet()) {
            out.putNextEntry(new JarEntry(e.getKey()));
            out.write(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
