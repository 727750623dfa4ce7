package io.graft.codec.kryo;

import io.graft.codec.kryo.TestTypes.Batch;
import io.graft.codec.kryo.TestTypes.Color;
import io.graft.codec.kryo.TestTypes.Command;
import io.graft.codec.kryo.TestTypes.Empty;
import io.graft.codec.kryo.TestTypes.Legacy;
import io.graft.codec.kryo.TestTypes.Node;
import io.graft.codec.kryo.TestTypes.Point;
import io.graft.codec.kryo.TestTypes.Put;
import io.graft.codec.kryo.TestTypes.Shape;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static io.graft.codec.kryo.DeepEquality.assertDeepEquals;
import static org.assertj.core.api.Assertions.assertThat;

class KryoCodecRoundTripTest {

    private static final KryoCodec<Shape> SHAPES =
            KryoCodec.builder(Shape.class).register(Point.class, Color.class).build();
    private static final KryoCodec<Object> ANYTHING =
            KryoCodec.builder(Object.class).register(Point.class, Color.class, Empty.class, Node.class,
                    Legacy.class).build();

    private static final Class<?> SUBLIST = List.of(1, 2, 3).subList(0, 1).getClass();

    private static <T> T roundTrip(KryoCodec<T> codec, T value) {
        T decoded = codec.decode(codec.encode(value));
        assertDeepEquals(value, decoded);
        return decoded;
    }

    @Test
    void randomShapesRoundTrip() {
        ValueGenerator gen = new ValueGenerator(20240601L);
        for (int i = 0; i < 400; i++) {
            roundTrip(SHAPES, gen.shape(0));
        }
    }

    @Test
    void randomCommandsOfASealedHierarchyRoundTripWithoutListingTheRecords() {
        // Put, Get, Delete and Batch are registered because the codec's type, Command, permits them.
        KryoCodec<Command> commands = KryoCodec.builder(Command.class).build();
        ValueGenerator gen = new ValueGenerator(7L);
        for (int i = 0; i < 400; i++) {
            roundTrip(commands, gen.command(0));
        }
        assertThat(commands.registrations()).anyMatch(r -> r.contains(Batch.class.getName()));
    }

    @Test
    void randomLooseValuesRoundTrip() {
        ValueGenerator gen = new ValueGenerator(99L);
        for (int i = 0; i < 400; i++) {
            roundTrip(ANYTHING, gen.tagValue(0));
        }
    }

    @Test
    void byteArraysOfEverySizeRoundTrip() {
        KryoCodec<byte[]> bytes = KryoCodec.builder(byte[].class).build();
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 127, 128, 65_536, 3 * 1024 * 1024 + 7}) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            assertThat(bytes.decode(bytes.encode(value))).isEqualTo(value);
        }
        byte[] big = new byte[5 * 1024 * 1024];
        random.nextBytes(big);
        Put put = new Put("big", big);
        Command decoded = roundTrip(KryoCodec.builder(Command.class).build(), put);
        assertThat(((Put) decoded).value()).isEqualTo(big);
    }

    @Test
    void stringsWithEveryKindOfCharacterRoundTrip() {
        KryoCodec<String> strings = KryoCodec.builder(String.class).build();
        for (String s : List.of("", "a", "ascii only", "é中文😀\u0000\uFFFF", "\uD83D\uDE00".repeat(1000),
                "x".repeat(200_000), "\u0800\u07FF\u0080\u007F")) {
            assertThat(strings.decode(strings.encode(s))).isEqualTo(s);
        }
        ValueGenerator gen = new ValueGenerator(11);
        for (int i = 0; i < 300; i++) {
            String s = gen.string();
            assertThat(strings.decode(strings.encode(s))).isEqualTo(s);
        }
        assertThat(strings.decode(strings.encode(null))).isNull();
    }

    @Test
    void listsNestedTwoHundredDeepRoundTrip() {
        Object value = "bottom";
        for (int i = 0; i < 200; i++) {
            List<Object> list = new ArrayList<>();
            list.add(i);
            list.add(value);
            value = list;
        }
        roundTrip(ANYTHING, value);
    }

    @Test
    void recordsLinkedFourHundredDeepRoundTrip() {
        Node node = null;
        for (int i = 0; i < 400; i++) {
            node = new Node(i, node);
        }
        KryoCodec<Node> nodes = KryoCodec.builder(Node.class).build();
        assertThat(nodes.decode(nodes.encode(node))).isEqualTo(node);
    }

    @Test
    void enumsIncludingConstantsWithBodiesRoundTrip() {
        KryoCodec<Color> colors = KryoCodec.builder(Color.class).build();
        for (Color c : Color.values()) {
            assertThat(colors.decode(colors.encode(c))).isSameAs(c);
        }
        assertThat(ANYTHING.decode(ANYTHING.encode(EnumSet.of(Color.RED, Color.BLUE))))
                .isEqualTo(EnumSet.of(Color.RED, Color.BLUE));
    }

    @Test
    void jdkCollectionsRoundTripAsTheSameClasses() {
        Map<String, Integer> linked = new LinkedHashMap<>();
        linked.put("z", 1);
        linked.put("a", 2);
        List<Object> values = List.of(
                new ArrayList<>(List.of(1, 2)), new HashMap<>(Map.of("k", "v")), linked,
                new TreeMap<>(Map.of("b", 2, "a", 1)), new java.util.HashSet<>(Set.of(1, 2)),
                new java.util.LinkedHashSet<>(List.of(3, 1, 2)), new java.util.TreeSet<>(Set.of(5, 4)),
                new java.util.LinkedList<>(List.of("x")), new java.util.ArrayDeque<>(List.of(1)),
                List.of(), List.of(1), List.of(1, 2, 3), List.of(1, 2, 3, 4).subList(1, 3), Set.of(), Set.of("a"),
                Set.of(1, 2, 3), Map.of(), Map.of("a", 1), Map.of("a", 1, "b", 2, "c", 3),
                Collections.emptyList(), Collections.emptySet(), Collections.emptyMap(),
                Collections.singletonList(1), Collections.singleton(2), Collections.singletonMap("k", 3),
                Arrays.asList(1, null, 3));
        for (Object value : values) {
            Object decoded = ANYTHING.decode(ANYTHING.encode(value));
            if (value.getClass() == SUBLIST) {
                // A sublist of List.of reads back as a List.of of its elements: equal, and still immutable.
                assertThat(decoded).isEqualTo(value).isInstanceOf(List.of(1).getClass());
            } else if (value instanceof java.util.ArrayDeque) {
                assertThat(decoded).isInstanceOf(java.util.ArrayDeque.class);
                assertThat(List.copyOf((java.util.ArrayDeque<?>) decoded)).isEqualTo(List.copyOf((java.util.ArrayDeque<?>) value));
            } else {
                assertThat(decoded).as(value.getClass().getName()).isEqualTo(value);
                assertThat(decoded.getClass()).as(value.getClass().getName()).isEqualTo(value.getClass());
            }
        }
    }

    @Test
    void streamToListWithNullsRoundTripsAsTheSameClassAndCanBeEncodedAgain() {
        List<String> withNulls = Stream.of("a", null, "c").toList();
        Object decoded = ANYTHING.decode(ANYTHING.encode(withNulls));
        assertThat(decoded).isEqualTo(withNulls).hasSameClassAs(withNulls);
        assertThat(ANYTHING.decode(ANYTHING.encode(decoded))).isEqualTo(withNulls);
    }

    @Test
    void boxedPrimitivesOptionalsAndValueTypesRoundTrip() {
        List<Object> values = List.of(42, -7L, 3.5d, 2.5f, (short) 9, (byte) -1, 'x', true,
                Optional.of("o"), Optional.empty(), OptionalInt.of(3), new BigInteger("123456789012345678901234567890"),
                new BigDecimal("-1.50"), UUID.randomUUID(), Instant.ofEpochSecond(1_700_000_000L, 123),
                Duration.ofMillis(1500), LocalDate.of(2024, 2, 29), new int[] {1, -2}, new long[] {Long.MIN_VALUE},
                new String[] {"a", null}, new Object[] {1, "two", null});
        for (Object value : values) {
            assertDeepEquals(value, ANYTHING.decode(ANYTHING.encode(value)));
        }
        KryoCodec<Long> longs = KryoCodec.builder(Long.class).build();
        assertThat(longs.decode(longs.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        KryoCodec<Integer> ints = KryoCodec.builder(int.class).build();
        assertThat(ints.decode(ints.encode(5))).isEqualTo(5);
    }

    @Test
    void nullRoundTrips() {
        assertThat(SHAPES.decode(SHAPES.encode(null))).isNull();
    }

    @Test
    void classesWithoutANoArgumentConstructorRoundTrip() {
        Legacy legacy = new Legacy("old", 12);
        assertThat(ANYTHING.decode(ANYTHING.encode(legacy))).isEqualTo(legacy);
    }

    @Test
    void listsOfRecordsThatEncodeToNothingRoundTrip() {
        List<Empty> empties = Collections.nCopies(10_000, new Empty());
        Object decoded = ANYTHING.decode(ANYTHING.encode(new ArrayList<>(empties)));
        assertThat(decoded).isEqualTo(empties);
        assertThat(ANYTHING.encode(new ArrayList<>(empties)).length).isLessThan(100);
    }
}
