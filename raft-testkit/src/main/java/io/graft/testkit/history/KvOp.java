package io.graft.testkit.history;

import java.util.Objects;

/**
 * An operation on one key of a string-to-string map, as a client recorded it for {@link KvRegisterModel}.
 *
 * @param kind what the operation does
 * @param key the key, not null
 * @param value the value written by a put, or the new value of a compare-and-set ({@code null} there means
 *              delete); {@code null} for reads and deletes
 * @param expected the value a compare-and-set expects ({@code null}: the key must be absent)
 */
public record KvOp(Kind kind, String key, String value, String expected) {

    /** The kinds of map operations. */
    public enum Kind {
        /** Sets the key; answers the previous value. */
        PUT,
        /** Reads the key. */
        GET,
        /** Removes the key; answers whether it was there, and its previous value. */
        DELETE,
        /** Sets the key only if it holds the expected value; answers whether it did, and the value after. */
        CAS
    }

    public KvOp {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (kind == Kind.PUT && value == null) {
            throw new IllegalArgumentException("a put needs a value");
        }
    }

    /** A put of {@code value} at {@code key}. */
    public static KvOp put(String key, String value) {
        return new KvOp(Kind.PUT, key, value, null);
    }

    /** A read of {@code key}. */
    public static KvOp get(String key) {
        return new KvOp(Kind.GET, key, null, null);
    }

    /** A removal of {@code key}. */
    public static KvOp delete(String key) {
        return new KvOp(Kind.DELETE, key, null, null);
    }

    /** A compare-and-set of {@code key} from {@code expected} to {@code newValue} (nulls mean absent). */
    public static KvOp cas(String key, String expected, String newValue) {
        return new KvOp(Kind.CAS, key, newValue, expected);
    }

    @Override
    public String toString() {
        switch (kind) {
            case PUT:
                return "put(" + key + ", " + value + ")";
            case GET:
                return "get(" + key + ")";
            case DELETE:
                return "delete(" + key + ")";
            default:
                return "cas(" + key + ", " + expected + " -> " + value + ")";
        }
    }
}
