package io.graft.examples.kv;

import java.util.Objects;

/**
 * A command for the replicated {@link KvStore}: the Graft counterpart of a Go {@code KVOperation{key, value}}.
 *
 * <p>Keys are never {@code null} (the empty string is a valid key). Values are never {@code null} in a
 * {@link Put}: to remove a key, use {@link Delete}, or a {@link CompareAndSet} whose new value is
 * {@code null}. What each command returns is described on {@link KvResult}.
 */
public sealed interface KvCommand {

    /** The key this command reads or writes. */
    String key();

    /** Sets {@code key} to {@code value}. */
    static KvCommand put(String key, String value) {
        return new Put(key, value);
    }

    /** Reads {@code key}, through the log, so that the read is linearizable. */
    static KvCommand get(String key) {
        return new Get(key);
    }

    /** Removes {@code key}. */
    static KvCommand delete(String key) {
        return new Delete(key);
    }

    /**
     * Sets {@code key} to {@code newValue} only if its current value equals {@code expected}.
     *
     * @param expected the value the key must hold, or {@code null} for "the key must be absent"
     * @param newValue the value to store, or {@code null} to delete the key when the expectation holds
     */
    static KvCommand compareAndSet(String key, String expected, String newValue) {
        return new CompareAndSet(key, expected, newValue);
    }

    /**
     * Sets a key to a value, replacing any previous value.
     *
     * @param key the key, not null
     * @param value the new value, not null (use {@link Delete} to remove a key)
     */
    record Put(String key, String value) implements KvCommand {
        public Put {
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(value, "value must not be null; use KvCommand.delete(key) to remove a key");
        }
    }

    /**
     * Reads a key.
     *
     * @param key the key, not null
     */
    record Get(String key) implements KvCommand {
        public Get {
            Objects.requireNonNull(key, "key must not be null");
        }
    }

    /**
     * Removes a key; removing an absent key is not an error.
     *
     * @param key the key, not null
     */
    record Delete(String key) implements KvCommand {
        public Delete {
            Objects.requireNonNull(key, "key must not be null");
        }
    }

    /**
     * Replaces a key's value only if it currently equals {@code expected}.
     *
     * <p>{@code expected == null} means "the key must be absent" (an insert-if-absent when {@code newValue}
     * is set); {@code newValue == null} means "delete the key" when the expectation holds. Both null succeeds
     * exactly when the key is absent, and leaves it absent.
     *
     * @param key the key, not null
     * @param expected the value the key must currently hold, or {@code null} for "absent"
     * @param newValue the value to store, or {@code null} to delete the key
     */
    record CompareAndSet(String key, String expected, String newValue) implements KvCommand {
        public CompareAndSet {
            Objects.requireNonNull(key, "key must not be null");
        }
    }
}
