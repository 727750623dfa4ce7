package io.graft.codec.kryo;

import io.graft.api.CodecException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the {@link KryoRegistrar}s on the class path, in an order that does not depend on the class path. */
final class RegistrarDiscovery {

    private RegistrarDiscovery() {
    }

    /** The registrars {@code loader} lists, one per class, sorted by class name. */
    static List<KryoRegistrar> discover(ClassLoader loader) {
        TreeMap<String, KryoRegistrar> byName = new TreeMap<>();
        try {
            for (KryoRegistrar registrar : ServiceLoader.load(KryoRegistrar.class, loader)) {
                byName.putIfAbsent(registrar.getClass().getName(), registrar);
            }
        } catch (ServiceConfigurationError e) {
            throw new CodecException("kryo: cannot load the registrars listed in META-INF/services/"
                    + KryoRegistrar.class.getName() + ": " + e.getMessage()
                    + "; each line must name a public class with a public no-argument constructor", e);
        }
        return sorted(byName.values());
    }

    /** {@code registrars} sorted by class name. */
    static List<KryoRegistrar> sorted(Iterable<KryoRegistrar> registrars) {
        List<KryoRegistrar> list = new ArrayList<>();
        registrars.forEach(list::add);
        list.sort(Comparator.comparing(r -> r.getClass().getName()));
        return list;
    }
}
