package io.graft.codec.kryo;

import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Reads the codec's settings from the YAML section it owns ({@code codecOptions}). */
final class KryoOptions {
    /** A list of class names to register, in order. */
    static final String REGISTER = "register";
    /** See {@link KryoLimits#maxDepth()}. */
    static final String MAX_DEPTH = "maxDepth";
    /** See {@link KryoLimits#maxElements()}. */
    static final String MAX_ELEMENTS = "maxElements";

    private static final Set<String> KEYS = Set.of(REGISTER, MAX_DEPTH, MAX_ELEMENTS);

    private KryoOptions() {
    }

    /** Refuses keys this codec does not know, so that a typo is not silently ignored. */
    static void checkKeys(Options options) {
        for (String key : new TreeSet<>(options.values().keySet())) {
            if (!KEYS.contains(key)) {
                throw new ConfigurationException(options.section() + "." + key, "the kryo codec has no setting '"
                        + key + "'; its settings are " + new TreeSet<>(KEYS));
            }
        }
    }

    /** The classes listed under {@code register}, loaded (not initialised) with {@code loader}, in order. */
    static List<Class<?>> classes(Options options, ClassLoader loader) {
        String key = options.section() + "." + REGISTER;
        List<Class<?>> classes = new ArrayList<>();
        for (String raw : options.strings(REGISTER)) {
            String name = raw == null ? "" : raw.trim();
            if (name.isEmpty()) {
                throw new ConfigurationException(key, "an entry is empty; write fully qualified class names, "
                        + "e.g. [com.example.PutCommand, com.example.GetCommand]");
            }
            classes.add(load(name, key, loader));
        }
        return classes;
    }

    private static Class<?> load(String name, String key, ClassLoader loader) {
        if (name.endsWith("[]")) {
            Class<?> component = load(name.substring(0, name.length() - 2).trim(), key, loader);
            return Array.newInstance(component, 0).getClass();
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(key, "class '" + name + "' cannot be loaded (" + e
                    + "); check the fully qualified name (a nested class is written Outer$Inner) and that its jar is"
                    + " on the class path of every member");
        }
    }

    /** The limits set in {@code options}, {@code defaults} for those left out. */
    static KryoLimits limits(Options options, KryoLimits defaults) {
        int maxDepth = positive(options, MAX_DEPTH, 1).orElse(defaults.maxDepth());
        int maxElements = positive(options, MAX_ELEMENTS, 0).orElse(defaults.maxElements());
        return new KryoLimits(maxDepth, maxElements);
    }

    private static OptionalInt positive(Options options, String key, int min) {
        OptionalInt value = options.integer(key);
        if (value.isPresent() && value.getAsInt() < min) {
            throw new ConfigurationException(options.section() + "." + key, "must be at least " + min + ", got "
                    + value.getAsInt());
        }
        return value;
    }
}
