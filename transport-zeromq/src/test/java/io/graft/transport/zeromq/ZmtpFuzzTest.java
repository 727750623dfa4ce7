package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded, seeded fuzzer over the ZMTP handshake and frames, against a live member: each input is a valid
 * prefix (a greeting, then maybe a READY and some frames, or a whole handshake with the member) followed by
 * mutated or random frames, sent on a raw connection of its own. Afterwards the member must still serve, with its memory bounded by
 * {@code receiveMemoryBytes}. The seed is printed on failure; set {@code -Dgraft.zmtpFuzz.seed=N} to replay one
 * and {@code -Dgraft.zmtpFuzz.inputs=N} to run longer.
 */
class ZmtpFuzzTest {
    private static final long SEED = Long.getLong("graft.zmtpFuzz.seed", 0x7401L);
    private static final int INPUTS = Integer.getInteger("graft.zmtpFuzz.inputs", 2000);
    /** Inputs whose connection stays open until the end, so that announced frames stay announced. */
    private static final int KEPT_OPEN_EVERY = 20;
    private static final String[] COMMAND_NAMES = {"READY", "ERROR", "PING", "PONG", "SUBSCRIBE", "HELLO", ""};

    @Test
    @Timeout(120)
    void mutatedHandshakesAndFramesLeaveTheMemberServingWithBoundedMemory() throws IOException {
        ZeroMqSettings settings = ZeroMqSettings.defaults();
        Random random = new Random(SEED);
        try (HostileMember member = new HostileMember(settings)) {
            long before = MemoryInUse.liveBytes();
            for (int i = 0; i < INPUTS; i++) {
                // A third of the inputs wait for the member's READY first: only then does it take commands as
                // traffic (PING, PONG) rather than as the handshake's.
                Socket s = random.nextInt(3) == 0
                        ? member.sendAfterHandshake("f" + random.nextInt(100), frames(random))
                        : member.send(input(random));
                if (i % KEPT_OPEN_EVERY != 0) {
                    s.close();
                }
            }
            member.assertStillServes();
            long grew = MemoryInUse.liveBytes() - before;
            assertThat(grew).as("live memory added by %d fuzzed connections (seed %d)", INPUTS, SEED)
                    .isLessThan(MemoryInUse.boundFor(settings.receiveMemoryBytes()));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("ZMTP fuzzing with seed " + SEED + " failed: " + e.getMessage(), e);
        }
    }

    /** A valid prefix, then one to four mutated or random frames. */
    private static byte[] input(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int depth = random.nextInt(3);
        out.writeBytes(depth == 0 && random.nextBoolean() ? mutate(Zmtp.greeting(), random) : Zmtp.greeting());
        if (depth >= 1) {
            out.writeBytes(random.nextInt(4) == 0 ? mutate(Zmtp.ready("f" + random.nextInt(100)), random)
                    : Zmtp.ready("f" + random.nextInt(100)));
        }
        if (depth >= 2) {
            out.writeBytes(Zmtp.frame(0, encoded(TestMessage.of(9, 1, random.nextInt(1000)))));
        }
        out.writeBytes(frames(random));
        return out.toByteArray();
    }

    /** One to four mutated or random frames. */
    private static byte[] frames(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = 1 + random.nextInt(4);
        for (int f = 0; f < frames; f++) {
            out.writeBytes(frame(random));
        }
        return out.toByteArray();
    }

    private static byte[] frame(Random random) {
        switch (random.nextInt(6)) {
            case 0: // a long header with any 64-bit size, and a few bytes of body
                return Zmtp.concat(Zmtp.longHeader(random.nextInt(8), random.nextLong()), bytes(random, 16));
            case 1: // a long header with a size just around the usual limits
                long[] near = {-1, 0, 1 << 20, 64L << 20, (64L << 20) + 1, Integer.MAX_VALUE, 1L << 32, 1L << 63};
                return Zmtp.longHeader(random.nextInt(8), near[random.nextInt(near.length)] + random.nextInt(3) - 1);
            case 2: // a short command, possibly cut shorter than its name says
                return command(random);
            case 3: // a well-formed frame that is then mutated
                return mutate(Zmtp.frame(random.nextInt(8), bytes(random, random.nextInt(300))), random);
            case 4: // a short header whose size says more or less than follows
                return Zmtp.concat(new byte[] {(byte) random.nextInt(8), (byte) random.nextInt(256)},
                        bytes(random, random.nextInt(64)));
            default: // noise
                return bytes(random, random.nextInt(512));
        }
    }

    private static byte[] command(Random random) {
        byte[] name = COMMAND_NAMES[random.nextInt(COMMAND_NAMES.length)].getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(1 + name.length + 20);
        body.put((byte) name.length).put(name).put(bytes(random, 20));
        int length = random.nextInt(body.position() + 1);
        byte[] cut = new byte[length];
        System.arraycopy(body.array(), 0, cut, 0, length);
        return Zmtp.frame(Zmtp.COMMAND | (random.nextBoolean() ? Zmtp.MORE : 0), cut);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(out, random.nextInt(out.length + 1)) : out;
    }

    private static byte[] encoded(TestMessage m) {
        ByteBuffer b = ByteBuffer.allocate(m.encodedSize());
        m.encodeTo(b);
        return b.array();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
