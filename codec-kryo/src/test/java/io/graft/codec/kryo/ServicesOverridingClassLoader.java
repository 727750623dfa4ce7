package io.graft.codec.kryo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads classes from its parent but answers one services file with lines of the test's choosing, as a class
 * path with the jars in another order would.
 */
final class ServicesOverridingClassLoader extends ClassLoader {
    private final String resource;
    private final URL replacement;

    ServicesOverridingClassLoader(ClassLoader parent, Class<?> service, List<String> lines, Path dir) {
        super(parent);
        this.resource = "META-INF/services/" + service.getName();
        try {
            Path file = Files.write(dir.resolve(service.getName() + "-" + System.nanoTime()), lines);
            this.replacement = file.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.equals(resource)) {
            return Collections.enumeration(List.of(replacement));
        }
        return super.getResources(name);
    }
}
