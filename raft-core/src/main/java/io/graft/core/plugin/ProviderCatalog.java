package io.graft.core.plugin;

import io.graft.api.config.ConfigurationException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one service interface found through {@link ServiceLoader}, by name.
 *
 * @param <P> the provider interface
 */
final class ProviderCatalog<P> {
    private static final Logger log = LoggerFactory.getLogger(ProviderCatalog.class);

    private final Class<P> service;
    private final String key;
    private final String kind;
    private final Function<P, String> nameOf;

    /**
     * @param service the provider interface
     * @param key the configuration key that names a provider, used in errors
     * @param kind what a provider makes, in words (e.g. {@code transport})
     * @param nameOf how to ask a provider its name
     */
    ProviderCatalog(Class<P> service, String key, String kind, Function<P, String> nameOf) {
        this.service = service;
        this.key = key;
        this.kind = kind;
        this.nameOf = nameOf;
    }

    /** The provider named {@code name}. */
    P find(String name, ClassLoader loader) {
        Map<String, P> providers = load(loader);
        if (name == null || name.isBlank()) {
            throw new ConfigurationException(key, "no " + kind + " is named; "
                    + (providers.isEmpty() ? "none is on the class path either. " + howToAdd()
                    : "set '" + key + "' to one of " + available(providers)));
        }
        P provider = providers.get(name);
        if (provider == null) {
            throw new ConfigurationException(key, "there is no " + kind + " named '" + name + "' on the class path;"
                    + " available: " + available(providers) + ". " + howToAdd());
        }
        return provider;
    }

    private String howToAdd() {
        return "Add the jar of the module that provides it to the class path, or list your provider class in"
                + " META-INF/services/" + service.getName();
    }

    /** Every provider, by name, sorted. */
    Map<String, P> load(ClassLoader loader) {
        Map<String, P> byName = new TreeMap<>();
        Iterator<ServiceLoader.Provider<P>> found = ServiceLoader.load(service, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<P> candidate;
            try {
                if (!found.hasNext()) {
                    break;
                }
                candidate = found.next();
            } catch (ServiceConfigurationError e) {
                throw broken("a " + kind + " provider listed in META-INF/services/" + service.getName()
                        + " cannot be loaded: " + e.getMessage(), e);
            }
            String className = candidate.type().getName();
            P provider;
            String name;
            try {
                provider = candidate.get();
                name = nameOf.apply(provider);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                throw broken("the " + kind + " provider " + className + " failed to start: " + rootMessage(e), e);
            }
            if (name == null || name.isBlank()) {
                throw broken("the " + kind + " provider " + className + " has no name", null);
            }
            P previous = byName.putIfAbsent(name, provider);
            if (previous != null) {
                throw broken("two " + kind + " providers are named '" + name + "': " + previous.getClass().getName()
                        + " and " + className + "; remove one of them from the class path", null);
            }
            log.debug("Found {} '{}' ({})", kind, name, className);
        }
        return Collections.unmodifiableMap(byName);
    }

    private ConfigurationException broken(String problem, Throwable cause) {
        ConfigurationException e = new ConfigurationException(key, problem);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static String available(Map<String, ?> providers) {
        return providers.isEmpty() ? "none" : String.join(", ", providers.keySet());
    }

    /** The innermost cause, which says what actually went wrong. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
