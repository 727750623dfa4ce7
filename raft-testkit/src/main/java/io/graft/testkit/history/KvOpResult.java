package io.graft.testkit.history;

/**
 * What a {@link KvOp} returned, in the shape of a typical replicated map's result.
 *
 * @param changed for a put always true; for a get always false; for a delete whether the key was there; for a
 *                compare-and-set whether it swapped
 * @param value for a put or delete the previous value; for a get the current value; for a compare-and-set the
 *              value after it (the new value if it swapped, else the value that did not match); {@code null}
 *              for absent
 */
public record KvOpResult(boolean changed, String value) {

    @Override
    public String toString() {
        return (changed ? "changed " : "") + value;
    }
}
