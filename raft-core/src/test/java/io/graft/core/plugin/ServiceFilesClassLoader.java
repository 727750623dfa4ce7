package io.graft.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class loader that loads classes like the test's own but answers {@code META-INF/services} lookups for
 * chosen services from files written here, so a test can offer exactly the providers it wants.
 */
final class ServiceFilesClassLoader extends ClassLoader {
    private final Map<String, URL> serviceFiles = new HashMap<>();
    private final Path dir;

    ServiceFilesClassLoader(Path dir) {
        super(ServiceFilesClassLoader.class.getClassLoader());
        this.dir = dir;
    }

    /** Offers exactly {@code providerClassNames} as the providers of {@code service}. */
    ServiceFilesClassLoader offering(Class<?> service, List<String> providerClassNames) {
        try {
            Path file = Files.writeString(dir.resolve(service.getName()), String.join("\n", providerClassNames) + "\n");
            serviceFiles.put("META-INF/services/" + service.getName(), file.toUri().toURL());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        URL file = serviceFiles.get(name);
        return file != null ? Collections.enumeration(List.of(file)) : super.getResources(name);
    }
}
