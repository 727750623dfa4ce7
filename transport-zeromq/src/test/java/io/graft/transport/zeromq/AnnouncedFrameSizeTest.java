package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Raw TCP peers announce frame sizes that JeroMQ 0.6.0 alone would try to allocate up front (negative, 64-bit,
 * or just large without a body): member 1 refuses them, reserves no more than {@code receiveMemoryBytes}, and
 * goes on serving, with the default settings.
 */
@Timeout(120)
class AnnouncedFrameSizeTest {
    private static final long MIB = 1 << 20;

    private HostileMember member;

    @BeforeEach
    void start() {
        member = new HostileMember(ZeroMqSettings.defaults());
    }

    @AfterEach
    void stop() {
        member.close();
    }

    @Test
    void anAllOnesSizeOnACommandDuringTheHandshakeIsRefused() {
        member.send(Zmtp.concat(Zmtp.greeting(), Zmtp.longHeader(Zmtp.COMMAND, -1L)));

        awaitRefused(RejectReason.FRAME_SIZE_REFUSED, 1);
        member.assertStillServes();
    }

    @Test
    void anAllOnesSizeOnAMessageFrameAfterReadyIsRefused() {
        member.send(Zmtp.concat(Zmtp.handshake("intruder"), Zmtp.longHeader(0, -1L)));

        awaitRefused(RejectReason.FRAME_SIZE_REFUSED, 1);
        member.assertStillServes();
    }

    @Test
    void sizesWithTheTopBitSetAreRefusedWhenTheirLow32BitsAreNegativeOrOverTheLimit() {
        // JeroMQ reads these as negative longs, which pass its checks, and allocates their low 32 bits.
        long[] refused = {0x8000_0000_7FFF_FFF0L, 0x8000_0000_F000_0000L, 0xFFFF_FFFF_FFFF_FFF0L};
        for (long size : refused) {
            member.send(Zmtp.concat(Zmtp.greeting(), Zmtp.longHeader(Zmtp.COMMAND, size)));
            member.send(Zmtp.concat(Zmtp.handshake("intruder"), Zmtp.longHeader(Zmtp.MORE, size)));
        }
        // Small low 32 bits cost no more than that many bytes; what follows is read as further frames.
        long[] small = {0x8000_0000_0000_0010L, Long.MIN_VALUE, 0xFFFF_FFFF_0000_1000L};
        for (long size : small) {
            member.send(Zmtp.concat(Zmtp.handshake("intruder"), Zmtp.longHeader(0, size), new byte[64]));
        }

        awaitRefused(RejectReason.FRAME_SIZE_REFUSED, 2L * refused.length);
        member.assertStillServes();
    }

    @Test
    void randomBytesAfterTheGreetingLeaveTheMemberServing() {
        Random random = new Random(7401);
        for (int i = 0; i < 8; i++) {
            byte[] noise = new byte[4096];
            random.nextBytes(noise);
            member.send(Zmtp.concat(Zmtp.greeting(), noise));
            member.send(Zmtp.concat(Zmtp.handshake("intruder"), noise));
        }

        member.assertStillServes();
    }

    @Test
    void connectionsAnnouncingLargeFramesReserveNoMoreThanReceiveMemoryBytes() {
        long budget = ZeroMqSettings.defaults().receiveMemoryBytes();
        int connections = 16;
        long announced = 60 * MIB;
        long before = MemoryInUse.liveBytes();

        for (int i = 0; i < connections; i++) {
            member.send(Zmtp.concat(Zmtp.handshake("intruder-" + i), Zmtp.longHeader(0, announced), new byte[100]));
        }
        long admitted = budget / announced;
        awaitRefused(RejectReason.RECEIVE_MEMORY_FULL, connections - admitted);
        long grew = MemoryInUse.liveBytes() - before;

        assertThat(grew).as("live heap and direct memory added by %d connections announcing %d MiB each",
                connections, announced / MIB).isLessThan(MemoryInUse.boundFor(budget));
        member.assertStillServes();
    }

    private void awaitRefused(RejectReason reason, long atLeast) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> member.target().stats().rejected(reason) >= atLeast);
    }
}
