package io.graft.examples.kv;

import java.util.Optional;

/**
 * What a {@link KvCommand} returned: one shape for every command, so that a caller never has to cast.
 *
 * <table>
 *   <caption>Meaning per command</caption>
 *   <tr><th>command</th><th>{@link #changed()} / {@link #swapped()}</th><th>{@link #value()}</th></tr>
 *   <tr><td>put</td><td>always true</td><td>the previous value</td></tr>
 *   <tr><td>get</td><td>always false</td><td>the current value</td></tr>
 *   <tr><td>delete</td><td>true if a value was removed</td><td>the previous (removed) value</td></tr>
 *   <tr><td>compareAndSet</td><td>true if the expectation held and the new value was stored (or the key
 *       deleted)</td><td>the key's value after the command: the new value if it swapped, else the value that
 *       did not match</td></tr>
 * </table>
 *
 * @param changed whether the command's write took place (see the table above)
 * @param valueOrNull the value described above, {@code null} when the key is (or was) absent
 */
public record KvResult(boolean changed, String valueOrNull) {

    /** The value described in the class table, empty when the key is (or was) absent. */
    public Optional<String> value() {
        return Optional.ofNullable(valueOrNull);
    }

    /** Whether a compare-and-set swapped; the same flag as {@link #changed()}, named for readability. */
    public boolean swapped() {
        return changed;
    }

    /** Whether {@link #value()} holds a value. */
    public boolean present() {
        return valueOrNull != null;
    }
}
