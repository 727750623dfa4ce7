package io.graft.codec.kryo;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.codec.kryo.TestTypes.Color;
import io.graft.codec.kryo.TestTypes.Empty;
import io.graft.codec.kryo.TestTypes.Legacy;
import io.graft.codec.kryo.TestTypes.Node;
import io.graft.codec.kryo.TestTypes.Point;
import io.graft.codec.kryo.TestTypes.Shape;
import io.graft.codec.kryo.TestTypes.Unregistered;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.graft.codec.kryo.DeepEquality.assertDeepEquals;
import static io.graft.codec.kryo.HostileBytes.after;
import static io.graft.codec.kryo.HostileBytes.writeClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KryoCodecSafetyTest {

    private static final Class<?>[] LOOSE = {Point.class, Color.class, Empty.class, Node.class, Legacy.class};
    private static final KryoCodec<Object> ANYTHING = KryoCodec.builder(Object.class).register(LOOSE).build();
    private static final KryoCodec<Shape> SHAPES =
            KryoCodec.builder(Shape.class).register(Point.class, Color.class).build();

    /** Small valid encodings, so that every truncation of each can be tried quickly. */
    private static List<byte[]> smallShapeEncodings(long seed, int count) {
        ValueGenerator gen = new ValueGenerator(seed, 200);
        List<byte[]> encodings = new ArrayList<>();
        while (encodings.size() < count) {
            byte[] b = SHAPES.encode(gen.shape(0));
            if (b.length <= 3000) {
                encodings.add(b);
            }
        }
        return encodings;
    }

    /** Decoding {@code bytes} may yield a Shape (or null) or a CodecException, and nothing else. */
    private static boolean decodesOrFailsCleanly(byte[] bytes) {
        try {
            Object value = SHAPES.decode(bytes);
            assertThat(value == null || value instanceof Shape).as("decoded type").isTrue();
            return true;
        } catch (CodecException e) {
            assertThat(e.getMessage()).contains("kryo");
            return false;
        }
    }

    private static void assertStillWorks() {
        Shape shape = new ValueGenerator(1).shape(0);
        assertDeepEquals(shape, SHAPES.decode(SHAPES.encode(shape)));
    }

    @Test
    void everyTruncationOfAValidEncodingIsACodecException() {
        int tried = 0;
        for (byte[] full : smallShapeEncodings(5, 15)) {
            for (int length = 0; length < full.length; length++) {
                byte[] cut = Arrays.copyOf(full, length);
                assertThatThrownBy(() -> SHAPES.decode(cut)).as("truncated to %d of %d", length, full.length)
                        .isInstanceOf(CodecException.class).hasMessageContaining("kryo");
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(500);
        assertStillWorks();
    }

    @Test
    void trailingBytesAreACodecException() {
        byte[] valid = SHAPES.encode(new ValueGenerator(2).shape(0));
        byte[] longer = Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> SHAPES.decode(longer)).isInstanceOf(CodecException.class)
                .hasMessageContaining("1 of " + longer.length + " bytes follow the value")
                .hasMessageContaining(Shape.class.getName());
    }

    @Test
    void randomBitFlipsDecodeOrFailOnlyWithCodecException() {
        Random random = new Random(1234);
        List<byte[]> encodings = smallShapeEncodings(6, 50);
        int failures = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bytes = encodings.get(random.nextInt(encodings.size())).clone();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                // Mostly past the fingerprint, so that Kryo itself reads the damage.
                int at = random.nextInt(10) == 0 ? random.nextInt(bytes.length) : 4 + random.nextInt(bytes.length - 4);
                bytes[at] ^= (byte) (1 << random.nextInt(8));
            }
            if (!decodesOrFailsCleanly(bytes)) {
                failures++;
                // A failure must leave nothing behind that could mislead the next decode (Kryo's generics stack).
                byte[] valid = encodings.get(trial % encodings.size());
                assertThat(SHAPES.encode(SHAPES.decode(valid))).isEqualTo(valid);
            }
        }
        assertThat(failures).as("most damaged encodings are refused").isGreaterThan(500);
        assertStillWorks();
    }

    @Test
    void randomGarbageBehindAValidFingerprintFailsOnlyWithCodecException() {
        Random random = new Random(4321);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            decodesOrFailsCleanly(after(SHAPES, out -> out.writeBytes(garbage)));
            decodesOrFailsCleanly(garbage);
        }
        assertStillWorks();
    }

    @Test
    void nullAndTooShortBytesAreACodecException() {
        assertThatThrownBy(() -> SHAPES.decode(null)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> SHAPES.decode(new byte[3])).isInstanceOf(CodecException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> SHAPES.decode(after(SHAPES, out -> { }))).isInstanceOf(CodecException.class)
                .hasMessageContaining(Shape.class.getName());
    }

    @Test
    void encodingAnUnregisteredClassNamesItAndSaysHowToRegisterIt() {
        assertThatThrownBy(() -> ANYTHING.encode(new Unregistered("x"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("kryo codec for java.lang.Object")
                .hasMessageContaining(Unregistered.class.getName() + ", which is not registered")
                .hasMessageContaining(".register(" + Unregistered.class.getCanonicalName() + ".class)")
                .hasMessageContaining("codecOptions: { register: [" + Unregistered.class.getName() + "] }");
        assertThatThrownBy(() -> ANYTHING.encode(Collections.unmodifiableList(new ArrayList<>(List.of(1)))))
                .isInstanceOf(CodecException.class).hasMessageContaining("List.copyOf");
        Map<String, Object> tags = new HashMap<>();
        tags.put("inner", List.of(new Unregistered("deep")));
        Shape shape = new Shape("s", Color.RED, List.of(), tags, java.util.Set.of(), new byte[0],
                java.util.Optional.empty(), null);
        assertThatThrownBy(() -> SHAPES.encode(shape)).isInstanceOf(CodecException.class)
                .hasMessageContaining(Unregistered.class.getName() + ", which is not registered");
        assertStillWorks();
    }

    @Test
    void bytesOfAClassThisNodeDoesNotRegisterAreRefused() {
        KryoCodec<Object> small = KryoCodec.builder(Object.class).register(LOOSE).discoverRegistrars(false).build();
        KryoCodec<Object> bigger = KryoCodec.builder(Object.class).register(LOOSE).register(Unregistered.class)
                .discoverRegistrars(false).build();
        byte[] bytes = bigger.encode(new Unregistered("x"));
        assertThatThrownBy(() -> small.decode(bytes)).isInstanceOf(CodecException.class)
                .hasMessageContaining("fingerprint mismatch");
        // Even behind a matching fingerprint, as a hostile peer could forge it, the class id is refused.
        byte[] forged = bytes.clone();
        System.arraycopy(after(small, out -> { }), 0, forged, 0, 4);
        assertThatThrownBy(() -> small.decode(forged)).isInstanceOf(CodecException.class)
                .hasMessageContaining("unregistered class ID");
    }

    @Test
    void aClassNamedInTheBytesIsRefusedUnloaded() {
        byte[] bytes = after(ANYTHING, out -> {
            out.writeVarInt(1, true); // "a class name follows"
            out.writeVarInt(0, true);
            out.writeString(Unregistered.class.getName());
        });
        assertThatThrownBy(() -> ANYTHING.decode(bytes)).isInstanceOf(CodecException.class)
                .hasMessageContaining("name a class");
    }

    @Test
    void hostileLengthsAreRefusedBeforeAllocating() {
        // Each of these would ask for gigabytes (the test JVM has 1 GiB) if the length were believed.
        List<byte[]> hostile = List.of(
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, byte[].class);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, long[].class);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, String.class);
                    out.writeVarIntFlag(true, Integer.MAX_VALUE, true);
                    out.writeBytes(new byte[] {'a', 'b'});
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, Object[].class);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, String[].class);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, ArrayList.class);
                    out.writeVarIntFlag(false, Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, HashMap.class);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, List.of(1, 2, 3).getClass());
                    out.writeVarIntFlag(false, Integer.MAX_VALUE, true);
                }),
                after(ANYTHING, out -> {
                    writeClass(out, ANYTHING, java.util.TreeSet.class);
                    out.writeVarIntFlag(false, Integer.MAX_VALUE, true);
                    out.writeByte(0); // no comparator
                }));
        for (byte[] bytes : hostile) {
            assertThatThrownBy(() -> ANYTHING.decode(bytes)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("kryo codec for java.lang.Object");
        }
        assertThat(ANYTHING.decode(ANYTHING.encode(List.of(1, 2)))).isEqualTo(List.of(1, 2));
    }

    @Test
    void aListOfBillionsOfElementsThatTakeNoBytesIsRefused() {
        byte[] bomb = after(ANYTHING, out -> {
            writeClass(out, ANYTHING, ArrayList.class);
            out.writeVarIntFlag(true, 1 << 30, true); // all elements of one type, 2^30 - 1 of them
            writeClass(out, ANYTHING, Empty.class);
            out.writeBoolean(false); // no nulls: each Empty then takes no bytes at all
        });
        assertThatThrownBy(() -> ANYTHING.decode(bomb)).isInstanceOf(CodecException.class)
                .hasMessageContaining("maxElements");
    }

    @Test
    void anEncoderRefusesAValueItsDecodersWouldRefuse() {
        KryoCodec<Object> tight = KryoCodec.builder(Object.class).register(LOOSE).maxElements(10).build();
        List<Empty> many = new ArrayList<>(Collections.nCopies(100, new Empty()));
        assertThatThrownBy(() -> tight.encode(many)).isInstanceOf(CodecException.class)
                .hasMessageContaining("raise maxElements");
        List<Point> points = new ArrayList<>(Collections.nCopies(5_000, new Point(1, 2)));
        assertThat(tight.decode(tight.encode(points))).isEqualTo(points); // elements that take bytes are not limited
    }

    @Test
    void valuesNestedDeeperThanMaxDepthAreRefusedBothWays() {
        Object deep = "bottom";
        for (int i = 0; i < 600; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        Object value = deep;
        assertThatThrownBy(() -> ANYTHING.encode(value)).isInstanceOf(CodecException.class)
                .hasMessageContaining("Max depth");
        KryoCodec<Object> lenient = KryoCodec.builder(Object.class).register(LOOSE).maxDepth(1000).build();
        assertThat(lenient.fingerprint()).isEqualTo(ANYTHING.fingerprint());
        byte[] bytes = lenient.encode(value);
        assertThatThrownBy(() -> ANYTHING.decode(bytes)).isInstanceOf(CodecException.class)
                .hasMessageContaining("Max depth");
        assertThat(ANYTHING.decode(ANYTHING.encode("ok"))).isEqualTo("ok");
    }

    @Test
    void nestingBeyondTheStackIsACodecExceptionNotAStackOverflowError() {
        KryoCodec<Object> unbounded = KryoCodec.builder(Object.class).register(LOOSE).maxDepth(Integer.MAX_VALUE).build();
        Node node = null;
        for (int i = 0; i < 200_000; i++) {
            node = new Node(i, node);
        }
        Node deep = node;
        assertThatThrownBy(() -> unbounded.encode(deep)).isInstanceOf(CodecException.class)
                .hasMessageContaining("stack");
        byte[] deepLists = after(unbounded, out -> {
            for (int i = 0; i < 200_000; i++) {
                writeClass(out, unbounded, ArrayList.class);
                out.writeVarIntFlag(false, 2, true); // one element, of its own class
            }
            out.writeByte(0); // null at the bottom
        });
        assertThatThrownBy(() -> unbounded.decode(deepLists)).isInstanceOf(CodecException.class)
                .hasMessageContaining("stack");
        assertThatThrownBy(() -> ANYTHING.decode(deepLists)).isInstanceOf(CodecException.class)
                .hasMessageContaining("Max depth");
        assertThat(unbounded.decode(unbounded.encode(List.of(1)))).isEqualTo(List.of(1));
    }

    @Test
    void bytesHoldingAnotherTypeAreRefused() {
        KryoCodec<Object> loose = KryoCodec.builder(Object.class).register(Point.class).build();
        KryoCodec<Point> points = KryoCodec.builder(Point.class).build();
        assertThat(points.fingerprint()).isEqualTo(loose.fingerprint());
        assertThat(points.decode(loose.encode(new Point(1, 2)))).isEqualTo(new Point(1, 2));
        assertThatThrownBy(() -> points.decode(loose.encode("hello"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("the bytes hold a java.lang.String, not a " + Point.class.getName());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void encodingAValueOfTheWrongTypeIsACodecException() {
        Codec raw = SHAPES;
        assertThatThrownBy(() -> raw.encode("not a shape")).isInstanceOf(CodecException.class)
                .hasMessageContaining("cannot encode a java.lang.String");
    }
}
