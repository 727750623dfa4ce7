package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The linearizability checker must catch what it claims to catch, or the read tests prove nothing. */
class CounterHistoryTest {

    private static CounterHistory twoWrites() {
        CounterHistory h = new CounterHistory();
        h.writeStarted(10);
        h.completed(true, 10, 20, 1);
        h.writeStarted(30);
        h.completed(true, 30, 40, 2);
        return h;
    }

    @Test
    void acceptsReadsThatOverlapAWriteEitherWay() {
        CounterHistory h = twoWrites();
        h.completed(false, 25, 35, 1);
        h.completed(false, 26, 36, 2);
        h.completed(false, 45, 50, 2);
        assertThatCode(h::check).doesNotThrowAnyException();
    }

    @Test
    void catchesAReadMissingAWriteThatCompletedBeforeIt() {
        CounterHistory h = twoWrites();
        h.completed(false, 41, 42, 1);
        assertThatThrownBy(h::check).hasMessageContaining("stale read");
    }

    @Test
    void catchesAReadOfAWriteNotYetBegun() {
        CounterHistory h = twoWrites();
        h.completed(false, 21, 22, 2);
        assertThatThrownBy(h::check).hasMessageContaining("only 1 had begun");
    }

    @Test
    void catchesReadsGoingBackInTime() {
        CounterHistory h = twoWrites();
        h.completed(false, 31, 32, 2);
        h.completed(false, 33, 34, 1);
        assertThatThrownBy(h::check).hasMessageContaining("back in time");
    }
}
