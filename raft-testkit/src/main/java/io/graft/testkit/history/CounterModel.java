package io.graft.testkit.history;

import java.util.Optional;

/**
 * The sequential specification of a counter that starts at zero: an increment adds one and answers the new
 * value, a read answers the current value. With {@link LinearizabilityChecker} it checks, for example, that
 * reads outside the log see every write acknowledged before them and nothing not yet written.
 */
public final class CounterModel implements Model<Long, CounterModel.Op, Long> {

    /** What a client does to the counter. */
    public enum Op {
        /** Adds one; answers the new value. */
        INCREMENT,
        /** Answers the current value. */
        READ
    }

    @Override
    public Long initialState() {
        return 0L;
    }

    @Override
    public Optional<Long> step(Long state, Op op, Long output) {
        long expected = op == Op.INCREMENT ? state + 1 : state;
        return output == expected ? Optional.of(expected) : Optional.empty();
    }

    @Override
    public Long stepUnknown(Long state, Op op) {
        return op == Op.INCREMENT ? state + 1 : state;
    }

    @Override
    public boolean isReadOnly(Op op) {
        return op == Op.READ;
    }
}
