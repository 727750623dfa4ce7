package io.graft.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.graft.api.MalformedMessageException;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private static final int HEADER = 1 + 1 + 4 + 4 + 8;
    private static final byte VOTE_REQUEST = 1;
    private static final byte VOTE_RESPONSE = 2;
    private static final byte APPEND_REQUEST = 3;
    private static final byte APPEND_RESPONSE = 4;

    /** Decodes, letting only {@link MalformedMessageException} through as a refusal; anything else fails the test. */
    private static Message decodeOrNull(byte[] frame) {
        try {
            return MessageCodec.decode(frame);
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    /** Any exception but {@link MalformedMessageException} escapes and fails the test. */
    private static void assertMalformed(byte[] frame, String... fragments) {
        try {
            Message m = MessageCodec.decode(frame);
            fail("decoded %s from %s", m, Arrays.toString(frame));
        } catch (MalformedMessageException e) {
            for (String fragment : fragments) {
                assertThat(e.getMessage()).contains(fragment);
            }
        }
    }

    /** The start of a frame of {@code type}, with room for {@code bodySize} more bytes. */
    private static ByteBuffer frame(byte type, int bodySize) {
        return ByteBuffer.allocate(HEADER + bodySize).put(MessageCodec.VERSION).put(type).putInt(1).putInt(2).putLong(3);
    }

    /** An append request header claiming {@code count} entries, followed by {@code tail}. */
    private static byte[] appendRequestClaiming(int count, byte[] tail) {
        return frame(APPEND_REQUEST, 8 * 5 + 4 + tail.length)
                .putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putInt(count).put(tail).array();
    }

    @Nested
    class RoundTrips {

        @Test
        void thousands_of_random_messages_of_every_type() {
            RandomMessages messages = new RandomMessages(20240601L, 300);
            Map<Class<?>, Integer> seen = new java.util.HashMap<>();
            for (int i = 0; i < 6000; i++) {
                Message m = messages.next();
                byte[] encoded = MessageCodec.encode(m);

                assertThat(encoded).hasSize(m.encodedSize());
                assertThat(MessageCodec.decode(encoded)).isEqualTo(m);
                seen.merge(m.getClass(), 1, Integer::sum);
            }
            assertThat(seen).containsOnlyKeys(VoteRequest.class, VoteResponse.class, AppendRequest.class,
                    AppendResponse.class, InstallSnapshot.class, InstallSnapshotResponse.class, TimeoutNow.class);
            assertThat(seen.values()).allSatisfy(n -> assertThat(n).isGreaterThan(600));
        }

        @Test
        void encode_to_writes_exactly_encoded_size_bytes_at_the_buffer_position() {
            RandomMessages messages = new RandomMessages(99L, 100);
            for (int i = 0; i < 1000; i++) {
                Message m = messages.next();
                ByteBuffer buffer = ByteBuffer.allocate(m.encodedSize() + 20);
                buffer.position(7);

                m.encodeTo(buffer);

                assertThat(buffer.position()).isEqualTo(7 + m.encodedSize());
                assertThat(buffer.array()).startsWith(new byte[7]).endsWith(new byte[13]);
                buffer.flip().position(7);
                assertThat(MessageCodec.decode(buffer)).isEqualTo(m);
                assertThat(buffer.hasRemaining()).isFalse();
            }
        }

        @Test
        void every_flag_combination() {
            for (boolean a : new boolean[] {false, true}) {
                for (boolean b : new boolean[] {false, true}) {
                    List<Message> messages = List.of(new VoteRequest(1, 2, 3, 4, 5, a, b), new VoteResponse(2, 1, 3, a, b),
                            new AppendResponse(2, 1, 3, a, 4, 5, 6, 7));
                    for (Message m : messages) {
                        assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
                    }
                }
            }
        }

        @Test
        void extreme_values() {
            long max = Long.MAX_VALUE;
            List<Message> messages = List.of(
                    new VoteRequest(Integer.MAX_VALUE, Integer.MAX_VALUE, max, max, max, true, true, true),
                    new VoteResponse(1, 1, 0, false, false),
                    new AppendRequest(Integer.MAX_VALUE, 1, max, max - 1, max, max, List.of(LogEntry.noop(max, max)), max),
                    new AppendRequest(1, 2, 0, 0, 0, 0, List.of()),
                    new AppendResponse(Integer.MAX_VALUE, 1, max, true, max, max, max, max, true),
                    new TimeoutNow(Integer.MAX_VALUE, 1, max),
                    new TimeoutNow(1, 2, 0));
            for (Message m : messages) {
                assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
            }
        }

        @Test
        void entries_with_empty_and_large_payloads() {
            Random random = new Random(5);
            byte[] large = new byte[3 * 1024 * 1024];
            random.nextBytes(large);
            byte[] medium = new byte[70_000];
            random.nextBytes(medium);
            AppendRequest m = new AppendRequest(1, 2, 7, 10, 6, 9, List.of(
                    LogEntry.command(11, 6, new byte[0]),
                    LogEntry.command(12, 7, large),
                    LogEntry.noop(13, 7),
                    LogEntry.command(14, 7, medium),
                    LogEntry.command(15, 7, new byte[0])));

            byte[] encoded = MessageCodec.encode(m);

            assertThat(encoded).hasSize(m.encodedSize());
            assertThat(MessageCodec.decode(encoded)).isEqualTo(m);
        }

        @Test
        void decoded_entries_are_numbered_from_prev_log_index_plus_one() {
            AppendRequest m = new RandomMessages(3L, 10).appendRequest(5);
            AppendRequest decoded = (AppendRequest) MessageCodec.decode(MessageCodec.encode(m));

            assertThat(decoded.entries()).extracting(LogEntry::index)
                    .containsExactly(m.prevLogIndex() + 1, m.prevLogIndex() + 2, m.prevLogIndex() + 3,
                            m.prevLogIndex() + 4, m.prevLogIndex() + 5);
        }

        @Test
        void the_format_is_big_endian_whatever_the_buffer_order() {
            VoteRequest m = new VoteRequest(1, 2, 0x0102030405060708L, 4, 5, false, true);
            ByteBuffer little = ByteBuffer.allocate(m.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);

            m.encodeTo(little);

            assertThat(little.array()).isEqualTo(MessageCodec.encode(m));
            assertThat(little.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            little.flip();
            assertThat(MessageCodec.decode(little)).isEqualTo(m);
            assertThat(little.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(Arrays.copyOfRange(MessageCodec.encode(m), 10, 18))
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    @Nested
    class RefusesMalformedFrames {

        @Test
        void every_truncation_of_valid_frames() {
            RandomMessages messages = new RandomMessages(777L, 40);
            Map<Class<?>, Integer> truncated = new java.util.HashMap<>();
            for (int i = 0; i < 400; i++) {
                Message m = messages.next();
                byte[] encoded = MessageCodec.encode(m);
                for (int length = 0; length < encoded.length; length++) {
                    assertMalformed(Arrays.copyOf(encoded, length));
                }
                truncated.merge(m.getClass(), 1, Integer::sum);
            }
            assertThat(truncated).hasSize(7);
        }

        @Test
        void random_garbage() {
            Random random = new Random(4242L);
            for (int i = 0; i < 10_000; i++) {
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                assertOnlyMalformedOrCanonical(garbage);
            }
        }

        @Test
        void random_garbage_after_a_plausible_header() {
            Random random = new Random(31337L);
            for (int i = 0; i < 10_000; i++) {
                byte[] body = new byte[random.nextInt(120)];
                random.nextBytes(body);
                assertOnlyMalformedOrCanonical(frame((byte) (1 + random.nextInt(7)), body.length).put(body).array());
            }
        }

        @Test
        void valid_frames_with_a_few_bytes_flipped() {
            RandomMessages messages = new RandomMessages(8L, 40);
            Random random = messages.random();
            int stillValid = 0;
            for (int i = 0; i < 10_000; i++) {
                byte[] frame = MessageCodec.encode(messages.next());
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
                }
                if (assertOnlyMalformedOrCanonical(frame) != null) {
                    stillValid++;
                }
            }
            assertThat(stillValid).as("some damaged frames stay valid, exercising the accepting paths")
                    .isBetween(1, 9_999);
        }

        /** Garbage that decodes must be a message whose own encoding is exactly that garbage. */
        private Message assertOnlyMalformedOrCanonical(byte[] frame) {
            Message m = decodeOrNull(frame);
            if (m != null) {
                assertThat(MessageCodec.encode(m)).isEqualTo(frame);
            }
            return m;
        }

        @Test
        void a_huge_entry_count_without_allocating_for_it() {
            byte[] frame = appendRequestClaiming(Integer.MAX_VALUE, new byte[40]);
            byte[] tenMillion = appendRequestClaiming(10_000_000, new byte[40]);

            assertMalformed(frame, "entry count " + Integer.MAX_VALUE);
            assertThat(bytesAllocatedBy(() -> assertMalformed(tenMillion, "entry count"))).isLessThan(1 << 20);
        }

        @Test
        void a_huge_entry_length_without_allocating_for_it() {
            byte[] entryClaiming = ByteBuffer.allocate(8 + 1 + 4 + 10).putLong(1).put((byte) 0)
                    .putInt(100_000_000).array();
            byte[] frame = appendRequestClaiming(1, entryClaiming);
            byte[] maxLength = appendRequestClaiming(1, ByteBuffer.allocate(13).putLong(1).put((byte) 0)
                    .putInt(Integer.MAX_VALUE).array());

            assertMalformed(maxLength, "entry length");
            assertThat(bytesAllocatedBy(() -> assertMalformed(frame, "entry length 100000000"))).isLessThan(1 << 20);
        }

        @Test
        void negative_counts_and_lengths() {
            assertMalformed(appendRequestClaiming(-1, new byte[0]), "entry count -1");
            assertMalformed(appendRequestClaiming(1,
                    ByteBuffer.allocate(13).putLong(1).put((byte) 0).putInt(-5).array()), "entry length -5");
        }

        @Test
        void trailing_bytes() {
            RandomMessages messages = new RandomMessages(11L, 20);
            for (int i = 0; i < 200; i++) {
                byte[] valid = MessageCodec.encode(messages.next());
                assertMalformed(Arrays.copyOf(valid, valid.length + 1 + i % 3), "trailing");
            }
        }

        @ParameterizedTest
        @ValueSource(bytes = {0, 1, 3, 127, -1})
        void another_version(byte version) {
            byte[] frame = MessageCodec.encode(new VoteResponse(1, 2, 3, true, false));
            frame[0] = version;

            assertMalformed(frame, "version " + version);
        }

        @ParameterizedTest
        @ValueSource(bytes = {0, 8, 127, -128})
        void an_unknown_message_type(byte type) {
            assertMalformed(frame(type, 1).put((byte) 0).array(), "unknown message type");
        }

        @Test
        void an_unknown_entry_type() {
            byte[] entry = ByteBuffer.allocate(13).putLong(1).put((byte) (EntryType.values().length)).putInt(0).array();

            assertMalformed(appendRequestClaiming(1, entry), "entry type");
        }

        @Test
        void unknown_flag_bits() {
            assertMalformed(frame(VOTE_RESPONSE, 1).put((byte) 4).array(), "flag");
            assertMalformed(frame(VOTE_REQUEST, 17).putLong(0).putLong(0).put((byte) 0x80).array(), "flag");
            assertMalformed(frame(APPEND_RESPONSE, 33).put((byte) 4).putLong(0).putLong(0).putLong(0).putLong(0).array(),
                    "flag");
        }

        @Test
        void negative_terms_and_indexes_and_non_positive_ids() {
            assertMalformed(ByteBuffer.allocate(HEADER + 1).put(MessageCodec.VERSION).put(VOTE_RESPONSE).putInt(1)
                    .putInt(2).putLong(-1).put((byte) 0).array(), "term");
            assertMalformed(ByteBuffer.allocate(HEADER + 1).put(MessageCodec.VERSION).put(VOTE_RESPONSE).putInt(0)
                    .putInt(2).putLong(1).put((byte) 0).array(), "member ids");
            assertMalformed(frame(APPEND_RESPONSE, 33).put((byte) 1).putLong(-4).putLong(0).putLong(0).putLong(0).array(),
                    "index");
            assertMalformed(frame(APPEND_RESPONSE, 33).put((byte) 1).putLong(0).putLong(0).putLong(0).putLong(-1).array(),
                    "readContext");
            assertMalformed(frame(APPEND_REQUEST, 8 * 4 + 4).putLong(0).putLong(0).putLong(0).putLong(-2).putInt(0).array(),
                    "readContext");
            assertMalformed(appendRequestClaiming(1,
                    ByteBuffer.allocate(13).putLong(-1).put((byte) 0).putInt(0).array()), "entry term");
        }

        @Test
        void entry_indexes_that_would_overflow() {
            byte[] frame = frame(APPEND_REQUEST, 8 * 5 + 4 + 13 * 2).putLong(Long.MAX_VALUE - 1).putLong(0).putLong(0)
                    .putLong(0).putLong(0).putInt(2).putLong(1).put((byte) 1).putInt(0).putLong(1).put((byte) 1).putInt(0).array();

            assertMalformed(frame, "prevLogIndex");
        }
    }

    /** Heap bytes the current thread allocates while running {@code action}, after a warm-up run. */
    private static long bytesAllocatedBy(Runnable action) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocations");
        com.sun.management.ThreadMXBean counting = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocations");
        action.run();
        long thread = Thread.currentThread().getId();
        long before = counting.getThreadAllocatedBytes(thread);
        action.run();
        return counting.getThreadAllocatedBytes(thread) - before;
    }

    @Test
    void entry_type_codes_are_stable() {
        Map<EntryType, Integer> codes = new EnumMap<>(EntryType.class);
        for (EntryType t : EntryType.values()) {
            codes.put(t, t.code());
            assertThat(EntryType.fromCode(t.code())).isSameAs(t);
        }
        assertThat(codes).containsExactly(Map.entry(EntryType.COMMAND, 0), Map.entry(EntryType.NOOP, 1),
                Map.entry(EntryType.SESSION_COMMAND, 2), Map.entry(EntryType.CONFIGURATION, 3));
        assertThat(EntryType.isCode(4)).isFalse();
        assertThatThrownBy(() -> EntryType.fromCode(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown log entry type code 4");
        assertThatThrownBy(() -> MessageCodec.decode(new byte[0])).isExactlyInstanceOf(MalformedMessageException.class);
    }

    @Test
    void an_entry_travels_as_its_type_code() {
        byte[] frame = MessageCodec.encode(new AppendRequest(1, 2, 3, 0, 0, 0,
                List.of(new LogEntry(1, 3, EntryType.CONFIGURATION, new byte[0])), 0, 0));
        int typeAt = HEADER + 8 * 5 + 4 + 8;
        assertThat(frame[typeAt]).isEqualTo((byte) 3);

        frame[typeAt] = 9;
        assertMalformed(frame, "unknown entry type 9");
    }

    @Test
    void message_type_codes_are_stable() {
        Map<Byte, Message> byCode = Map.of(
                (byte) 1, new VoteRequest(1, 2, 3, 4, 5, false, false, false),
                (byte) 2, new VoteResponse(1, 2, 3, true, false),
                (byte) 3, new AppendRequest(1, 2, 3, 4, 5, 6, List.of(), 0, 0),
                (byte) 4, new AppendResponse(1, 2, 3, true, 4, 0, 0),
                (byte) 5, new InstallSnapshot(1, 2, 3, 4, 5, 6, 0, new byte[0], true),
                (byte) 6, new InstallSnapshotResponse(1, 2, 3, 4, 5, true),
                (byte) 7, new TimeoutNow(1, 2, 3));
        byCode.forEach((code, message) -> {
            byte[] frame = MessageCodec.encode(message);
            assertThat(frame[1]).as(message.getClass().getSimpleName()).isEqualTo(code);
            assertThat(MessageCodec.decode(frame)).isInstanceOf(message.getClass());
        });
        assertMalformed(frame((byte) 8, 0).array());
    }
}
