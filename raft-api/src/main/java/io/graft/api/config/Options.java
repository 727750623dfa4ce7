package io.graft.api.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Free-form settings for one plug-in (a transport, a codec, a state machine), read from the YAML section the
 * plug-in owns. Values are kept as the text the user wrote; the typed getters convert and explain a bad value.
 *
 * @param values setting name to its textual value(s); a list value holds several strings
 * @param section the YAML key these options came from, used in error messages
 */
public record Options(Map<String, List<String>> values, String section) {

    /** No options. */
    public static Options empty(String section) {
        return new Options(Map.of(), section);
    }

    public Options {
        values = Map.copyOf(values);
    }

    /** Whether {@code key} is set. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A single-valued setting. */
    public Optional<String> string(String key) {
        List<String> v = values.get(key);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        if (v.size() > 1) {
            throw new ConfigurationException(section + "." + key, "expected a single value, got a list " + v);
        }
        return Optional.of(v.get(0));
    }

    /** A list-valued setting (a single value reads as a one-element list). */
    public List<String> strings(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** An integer setting. */
    public OptionalInt integer(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(s.get().trim()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(section + "." + key, "expected an integer, got '" + s.get() + "'");
        }
    }

    /** A long setting. */
    public OptionalLong longValue(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.get().trim()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(section + "." + key, "expected an integer, got '" + s.get() + "'");
        }
    }

    /** A boolean setting, {@code defaultValue} when absent. */
    public boolean flag(String key, boolean defaultValue) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return defaultValue;
        }
        return switch (s.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(section + "." + key,
                    "expected true or false, got '" + s.get() + "'");
        };
    }
}
