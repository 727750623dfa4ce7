package io.graft.testkit.history;

import java.util.Objects;
import java.util.Optional;

/**
 * The sequential specification of a string-to-string map, checked one key at a time: each key is an
 * independent register that starts absent. Puts and deletes answer the previous value, reads the current one,
 * and a compare-and-set whether it swapped and the value after it (see {@link KvOpResult}).
 */
public final class KvRegisterModel implements Model<KvRegisterModel.Register, KvOp, KvOpResult> {

    /**
     * The value of one key.
     *
     * @param value the value, or {@code null} when the key is absent
     */
    public record Register(String value) {
        /** The state of a key that was never written. */
        public static final Register ABSENT = new Register(null);

        @Override
        public String toString() {
            return value == null ? "absent" : "'" + value + "'";
        }
    }

    @Override
    public Register initialState() {
        return Register.ABSENT;
    }

    @Override
    public Optional<Register> step(Register state, KvOp op, KvOpResult out) {
        String current = state.value();
        switch (op.kind()) {
            case PUT:
                return when(out.changed() && Objects.equals(out.value(), current), new Register(op.value()));
            case GET:
                return when(!out.changed() && Objects.equals(out.value(), current), state);
            case DELETE:
                return when(out.changed() == (current != null) && Objects.equals(out.value(), current),
                        Register.ABSENT);
            default:
                if (Objects.equals(current, op.expected())) {
                    return when(out.changed() && Objects.equals(out.value(), op.value()), new Register(op.value()));
                }
                return when(!out.changed() && Objects.equals(out.value(), current), state);
        }
    }

    @Override
    public Register stepUnknown(Register state, KvOp op) {
        switch (op.kind()) {
            case PUT:
                return new Register(op.value());
            case GET:
                return state;
            case DELETE:
                return Register.ABSENT;
            default:
                return Objects.equals(state.value(), op.expected()) ? new Register(op.value()) : state;
        }
    }

    @Override
    public Object partitionOf(KvOp op) {
        return op.key();
    }

    @Override
    public boolean isReadOnly(KvOp op) {
        return op.kind() == KvOp.Kind.GET;
    }

    private static Optional<Register> when(boolean legal, Register next) {
        return legal ? Optional.of(next) : Optional.empty();
    }
}
