package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import zmq.Msg;

/** What {@link FrameAllocator} gives for each announced size, and how its reservation comes back. */
class FrameAllocatorTest {
    private final TransportCounters counters = new TransportCounters();
    private final FrameAllocator frames = new FrameAllocator(1 << 20, 3 << 20, counters);

    @Test
    void sizesBelowZeroOrOverTheLimitGetAnEmptyFrameAndAreCounted() {
        assertThat(frames.allocate(-1).size()).isZero();
        assertThat(frames.allocate(Integer.MIN_VALUE).size()).isZero();
        assertThat(frames.allocate((1 << 20) + 1).size()).isZero();
        assertThat(frames.allocate(Integer.MAX_VALUE - 15).size()).isZero();
        assertThat(counters.snapshot().rejected(RejectReason.FRAME_SIZE_REFUSED)).isEqualTo(4);
        assertThat(frames.reservedBytes()).isZero();
    }

    @Test
    void largeFramesCountAgainstTheBoundUntilReleased() {
        Msg first = frames.allocate(1 << 20);
        Msg second = frames.allocate(1 << 20);
        Msg third = frames.allocate(1 << 20);
        assertThat(first.size()).isEqualTo(1 << 20);
        assertThat(frames.reservedBytes()).isEqualTo(3 << 20);
        assertThat(frames.allocate(1 << 20).size()).as("past the bound").isZero();
        assertThat(counters.snapshot().rejected(RejectReason.RECEIVE_MEMORY_FULL)).isEqualTo(1);

        frames.release(second);
        frames.release(second); // twice: released once
        assertThat(frames.reservedBytes()).isEqualTo(2 << 20);
        assertThat(frames.allocate(1 << 20).size()).isEqualTo(1 << 20);
        assertThat(third.size()).isEqualTo(1 << 20);
    }

    @Test
    void smallFramesAreNotCounted() {
        assertThat(frames.allocate(FrameAllocator.TRACKED_FROM_BYTES - 1).size())
                .isEqualTo(FrameAllocator.TRACKED_FROM_BYTES - 1);
        assertThat(frames.allocate(0).size()).isZero();
        assertThat(frames.reservedBytes()).isZero();
    }

    @Test
    void aShortPingCommandDoesNotReadAsAPing() {
        Msg ping = frames.allocate(6);
        ping.setFlags(Msg.COMMAND);
        ping.put((byte) 4).put("PING".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 0);
        assertThat(ping.get(0)).isZero();
        assertThat(ping.get(1)).isEqualTo((byte) 'P');
        Msg data = frames.allocate(6);
        data.put((byte) 4).put("PING".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 0);
        assertThat(data.get(0)).as("not a command: unchanged").isEqualTo((byte) 4);
    }
}
