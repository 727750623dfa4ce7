package io.graft.api.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Free-form settings for one plug-in (a transport, a codec, a state machine), read from the YAML section the
 * plug-in owns. Values are kept as the text the user wrote; the typed getters convert and explain a bad value
 * with a {@link ConfigurationException} naming the dotted key ({@code section.name}) and, when the options came
 * from a file, its line ({@link #error}).
 *
 * @param values setting name to its textual value(s); a list value holds several strings
 * @param section the YAML key these options came from, used in error messages
 * @param lines setting name to the 1-based line it was written on, for error messages; empty when not read
 *              from a file
 */
public record Options(Map<String, List<String>> values, String section, Map<String, Integer> lines) {

    /** No options. */
    public static Options empty(String section) {
        return new Options(Map.of(), section);
    }

    /** Options written in code rather than read from a file: errors name no line. */
    public Options(Map<String, List<String>> values, String section) {
        this(values, section, Map.of());
    }

    /** Copies the maps; {@code lines} may be {@code null} for none. */
    public Options {
        values = Map.copyOf(values);
        lines = lines == null ? Map.of() : Map.copyOf(lines);
    }

    /** Equal when the values and the section are: where they were written does not matter. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && values.equals(other.values) && Objects.equals(section, other.section);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + Objects.hashCode(section);
    }

    /** The 1-based line setting {@code key} was written on, or {@code 0} when unknown. */
    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /**
     * An error about setting {@code key}, naming it as {@code section.key} and with its line when known: for
     * plug-ins that check a value beyond its type.
     */
    public ConfigurationException error(String key, String problem) {
        return new ConfigurationException(section + "." + key, line(key), problem);
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
            throw error(key, "expected a single value, got a list " + v);
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
            throw error(key, "expected an integer, got '" + s.get() + "'");
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
            throw error(key, "expected an integer, got '" + s.get() + "'");
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
            default -> throw error(key, "expected true or false, got '" + s.get() + "'");
        };
    }
}
