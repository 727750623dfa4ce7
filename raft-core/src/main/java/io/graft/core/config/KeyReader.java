package io.graft.core.config;

/** Reads one top-level key's value into the draft, or throws a {@code ConfigurationException} naming it. */
@FunctionalInterface
interface KeyReader {
    void read(YamlValue value, ConfigDraft draft);
}
