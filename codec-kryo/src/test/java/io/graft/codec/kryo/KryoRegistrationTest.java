package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.codec.kryo.TestTypes.Audit;
import io.graft.codec.kryo.TestTypes.Color;
import io.graft.codec.kryo.TestTypes.Legacy;
import io.graft.codec.kryo.TestTypes.Money;
import io.graft.codec.kryo.TestTypes.Point;
import io.graft.codec.kryo.TestTypes.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static io.graft.codec.kryo.DeepEquality.assertDeepEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KryoRegistrationTest {

    private static Options options(Map<String, List<String>> values) {
        return new Options(values, "codecOptions");
    }

    private static CodecProvider kryoProvider() {
        for (CodecProvider provider : ServiceLoader.load(CodecProvider.class)) {
            if (provider.name().equals("kryo")) {
                return provider;
            }
        }
        throw new AssertionError("no CodecProvider named kryo");
    }

    @Test
    void theProviderIsFoundByNameAndRegistersTheClassesListedInTheOptions() {
        CodecProvider provider = kryoProvider();
        assertThat(provider).isInstanceOf(KryoCodecProvider.class);
        Codec<Shape> codec = provider.codecFor(Shape.class, options(Map.of("register",
                List.of(Point.class.getName(), "  " + Color.class.getName() + " "))));
        Shape shape = new ValueGenerator(17).shape(0);
        assertDeepEquals(shape, codec.decode(codec.encode(shape)));
        // The same classes registered in code make the same codec: members may mix YAML and code.
        KryoCodec<Shape> inCode = KryoCodec.builder(Shape.class).register(Point.class, Color.class).build();
        assertThat(((KryoCodec<Shape>) codec).fingerprint()).isEqualTo(inCode.fingerprint());
        assertThat(((KryoCodec<Shape>) codec).registrations()).isEqualTo(inCode.registrations());
    }

    @Test
    void nestedAndArrayClassNamesCanBeListed() {
        KryoCodec<Object> codec = KryoCodec.builder(Object.class).options(options(Map.of("register",
                List.of(Point.class.getName(), Point.class.getName() + "[]")))).build();
        Point[] points = {new Point(1, 2), null};
        assertThat((Point[]) codec.decode(codec.encode(points))).containsExactly(points);
    }

    @Test
    void aMissingClassIsAConfigurationErrorNamingTheClassAndTheKey() {
        Options bad = options(Map.of("register", List.of(Point.class.getName(), "com.example.NoSuchCommand")));
        assertThatThrownBy(() -> kryoProvider().codecFor(Shape.class, bad))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("codecOptions.register")
                .hasMessageContaining("com.example.NoSuchCommand")
                .satisfies(e -> assertThat(((ConfigurationException) e).key()).isEqualTo("codecOptions.register"));
        Options empty = options(Map.of("register", List.of(" ")));
        assertThatThrownBy(() -> kryoProvider().codecFor(Shape.class, empty))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("empty");
    }

    @Test
    void unknownKeysAndBadLimitsAreConfigurationErrors() {
        assertThatThrownBy(() -> kryoProvider().codecFor(Shape.class, options(Map.of("registr", List.of("x")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("codecOptions.registr")
                .hasMessageContaining("[maxDepth, maxElements, register]");
        assertThatThrownBy(() -> kryoProvider().codecFor(Shape.class, options(Map.of("maxDepth", List.of("0")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("codecOptions.maxDepth");
        assertThatThrownBy(() -> kryoProvider().codecFor(Shape.class, options(Map.of("maxElements", List.of("x")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("codecOptions.maxElements");
    }

    @Test
    void discoveredRegistrarsApplyTheirSerializers() {
        KryoCodec<Object> codec = KryoCodec.builder(Object.class).build();
        assertThat(codec.registrations())
                .anyMatch(r -> r.endsWith(":" + Money.class.getName() + ":" + TestMoneyRegistrar.MoneySerializer.class.getName()))
                .anyMatch(r -> r.contains(":" + Audit.class.getName() + ":"));
        long readsBefore = TestMoneyRegistrar.MoneySerializer.READS.get();
        Money money = new Money(1999, "EUR");
        assertThat(codec.decode(codec.encode(money))).isEqualTo(money);
        assertThat(TestMoneyRegistrar.MoneySerializer.READS.get()).isGreaterThan(readsBefore);
        assertThat(codec.decode(codec.encode(new Audit("ann", 5)))).isEqualTo(new Audit("ann", 5));
    }

    @Test
    void discoveredRegistrarsGiveTheSameFingerprintWhateverTheClassPathOrder(@TempDir Path dir) {
        ClassLoader parent = getClass().getClassLoader();
        String money = TestMoneyRegistrar.class.getName();
        String audit = TestAuditRegistrar.class.getName();
        KryoCodec<Shape> moneyFirst = KryoCodec.builder(Shape.class).register(Point.class, Color.class)
                .classLoader(new ServicesOverridingClassLoader(parent, KryoRegistrar.class, List.of(money, audit), dir))
                .build();
        KryoCodec<Shape> auditFirst = KryoCodec.builder(Shape.class).register(Point.class, Color.class)
                .classLoader(new ServicesOverridingClassLoader(parent, KryoRegistrar.class, List.of(audit, money), dir))
                .build();
        assertThat(auditFirst.registrations()).isEqualTo(moneyFirst.registrations());
        assertThat(auditFirst.fingerprint()).isEqualTo(moneyFirst.fingerprint());
        Shape shape = new ValueGenerator(8).shape(0);
        assertDeepEquals(shape, auditFirst.decode(moneyFirst.encode(shape)));
        // The registrars did contribute: without them the registrations differ.
        KryoCodec<Shape> without = KryoCodec.builder(Shape.class).register(Point.class, Color.class)
                .discoverRegistrars(false).build();
        assertThat(without.fingerprint()).isNotEqualTo(moneyFirst.fingerprint());
    }

    @Test
    void theFingerprintFollowsTheRegistrationsExactly() {
        KryoCodec<Object> a = KryoCodec.builder(Object.class).register(Point.class, Legacy.class).build();
        KryoCodec<Object> again = KryoCodec.builder(Object.class).register(Point.class, Legacy.class).build();
        KryoCodec<Object> twice = KryoCodec.builder(Object.class).register(Point.class, Legacy.class, Point.class).build();
        KryoCodec<Object> swapped = KryoCodec.builder(Object.class).register(Legacy.class, Point.class).build();
        assertThat(again.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(twice.fingerprint()).as("registering a class again changes nothing").isEqualTo(a.fingerprint());
        assertThat(swapped.fingerprint()).as("explicit registrations keep their order").isNotEqualTo(a.fingerprint());
        assertThat(a.registrations().get(0)).startsWith("0:int:");
        assertThat(a.registrations()).anyMatch(r -> r.startsWith(CommonTypes.FIRST_ID + ":[B:"));
    }

    @Test
    void registrationsDescribeTheLayoutOfRecordsEnumsAndPlainClassesSoThatAChangedClassChangesTheFingerprint() {
        KryoCodec<Object> codec = KryoCodec.builder(Object.class).register(Point.class, Color.class, Legacy.class)
                .discoverRegistrars(false).build();
        assertThat(codec.registrations())
                .anyMatch(r -> r.endsWith(":" + Point.class.getName() + ":" + RecordSerializer.class.getName()
                        + "(x:int,y:int)"))
                .anyMatch(r -> r.contains(":" + Color.class.getName() + ":") && r.endsWith("(RED,GREEN,BLUE)"))
                .anyMatch(r -> r.contains(":" + Legacy.class.getName() + ":") && r.contains("id:long")
                        && r.contains("name:java.lang.String"));
        assertThat(KryoCodec.builder(Shape.class).build().registrations())
                .anyMatch(r -> r.contains("points:java.util.List<" + Point.class.getName() + ">"));
    }

    @Test
    void aMismatchIsDetectedOnTheFirstMessageWithAClearMessage() {
        KryoCodec<Object> here = KryoCodec.builder(Object.class).register(Point.class).build();
        KryoCodec<Object> there = KryoCodec.builder(Object.class).register(Point.class, Legacy.class).build();
        byte[] bytes = there.encode(new Point(1, 2));
        assertThatThrownBy(() -> here.decode(bytes)).isInstanceOf(CodecException.class)
                .hasMessageContaining("kryo registration fingerprint mismatch")
                .hasMessageContaining(String.format("this node 0x%08x", here.fingerprint()))
                .hasMessageContaining(String.format("the bytes 0x%08x", there.fingerprint()))
                .hasMessageContaining("the members register different classes")
                .hasMessageContaining(Point.class.getName())
                .hasMessageContaining(Money.class.getName());
    }

    @Test
    void aRegistrarMayReplaceTheSerializerOfACommonTypeKeepingItsId() {
        KryoCodec<Object> plain = KryoCodec.builder(Object.class).discoverRegistrars(false).build();
        KryoCodec<Object> custom = KryoCodec.builder(Object.class).discoverRegistrars(false)
                .registrar(r -> r.register(ArrayList.class, kryo -> new ReversingListSerializer()))
                .build();
        int id = HostileBytes.idOf(plain, ArrayList.class);
        assertThat(HostileBytes.idOf(custom, ArrayList.class)).isEqualTo(id);
        assertThat(custom.registrations()).contains(id + ":java.util.ArrayList:" + ReversingListSerializer.class.getName());
        assertThat(custom.fingerprint()).isNotEqualTo(plain.fingerprint());
        assertThat(custom.decode(custom.encode(new ArrayList<>(List.of("a", "b"))))).isEqualTo(List.of("b", "a"));
    }

    @Test
    void aFailingRegistrarOrSerializerFactoryIsACodecExceptionNamingIt() {
        KryoRegistrar broken = r -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> KryoCodec.builder(Object.class).registrar(broken).build())
                .isInstanceOf(CodecException.class).hasMessageContaining("registrar").hasMessageContaining("boom");
        assertThatThrownBy(() -> KryoCodec.builder(Object.class).register(Point.class, kryo -> {
            throw new IllegalStateException("no serializer today");
        }).build()).isInstanceOf(CodecException.class).hasMessageContaining(Point.class.getName())
                .hasMessageContaining("no serializer today").hasMessageContaining("from builder");
        assertThatThrownBy(() -> KryoCodec.builder(Object.class).register(Point.class, kryo -> null).build())
                .isInstanceOf(CodecException.class).hasMessageContaining(Point.class.getName())
                .hasMessageContaining("returned null");
    }

    /** Writes a list of strings and reads it back reversed, so that a test can tell it was used. */
    static final class ReversingListSerializer extends Serializer<ArrayList<Object>> {
        @Override
        public void write(Kryo kryo, Output output, ArrayList<Object> list) {
            output.writeVarInt(list.size(), true);
            for (Object o : list) {
                output.writeString((String) o);
            }
        }

        @Override
        public ArrayList<Object> read(Kryo kryo, Input input, Class<? extends ArrayList<Object>> type) {
            int n = input.readVarInt(true);
            ArrayList<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(0, input.readString());
            }
            return list;
        }
    }
}
