package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import zmq.ZError;

/** Which reports of ZeroMQ's threads {@link IoThreadWatch} takes for failures, and whom it tells. */
class IoThreadWatchTest {
    private final IoThreadWatch watch = new IoThreadWatch();
    private final List<Throwable> told = new ArrayList<>();

    IoThreadWatchTest() {
        watch.onFailure(told::add);
    }

    @Test
    void channelsFoundClosedDuringACloseAreNoFailure() {
        Thread io = new Thread("graft-zmq-shared-iothread-2");
        watch.pollerReported(io, new CancelledKeyException());
        watch.pollerReported(io, new ZError.IOException(new ClosedChannelException()));
        watch.pollerReported(io, new ZError.IOException(new AsynchronousCloseException()));
        assertThat(told).isEmpty();
        assertThat(watch.failed()).isFalse();
    }

    @Test
    void anyOtherExceptionWhileServingAConnectionIsAFailureToldOnce() {
        Thread io = new Thread("graft-zmq-shared-iothread-2");
        watch.pollerReported(io, new NegativeArraySizeException("-1"));
        watch.pollerReported(io, new IndexOutOfBoundsException(5));
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).hasMessageContaining("iothread-2").hasCauseInstanceOf(NegativeArraySizeException.class);
        assertThat(watch.failed()).isTrue();

        List<Throwable> late = new ArrayList<>();
        watch.onFailure(late::add);
        assertThat(late).as("a listener added after the failure hears of it at once").hasSize(1);
    }

    @Test
    void theReapersDeathRetiresTheContextWithoutFailingItsMembers() {
        watch.threadDied(new Thread("graft-zmq-shared-reaper-1"), new IllegalStateException("a race in close"));
        assertThat(told).isEmpty();
        assertThat(watch.failed()).as("not leased again").isTrue();

        watch.threadDied(new Thread("graft-zmq-shared-iothread-2"), new OutOfMemoryError("stand-in"));
        assertThat(told).hasSize(1);
    }
}
