package io.graft.codec.kryo;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The kinds of types users write: records, nested records, enums, sealed hierarchies, plain classes. */
final class TestTypes {

    private TestTypes() {
    }

    enum Color {
        RED, GREEN,
        /** A constant with a body is an anonymous subclass of the enum. */
        BLUE {
            @Override
            public String toString() {
                return "blue!";
            }
        }
    }

    record Point(int x, int y) {
    }

    /** Holds most shapes of data; {@code child} nests shapes. */
    record Shape(String name, Color color, List<Point> points, Map<String, Object> tags, Set<Long> ids, byte[] data,
                 Optional<String> note, Shape child) {
    }

    /** A command hierarchy, registered through the codec type alone. */
    sealed interface Command permits Put, Get, Delete, Batch {
    }

    record Put(String key, byte[] value) implements Command {
    }

    record Get(String key) implements Command {
    }

    record Delete(String key) implements Command {
    }

    record Batch(List<Command> commands) implements Command {
    }

    /** Encodes to no bytes at all. */
    record Empty() {
    }

    /** A linked list of records, for deep nesting. */
    record Node(int value, Node next) {
    }

    /** Never registered anywhere. */
    record Unregistered(String text) {
    }

    /** Registered by {@link TestMoneyRegistrar} with a custom serializer. */
    record Money(long cents, String currency) {
    }

    /** Registered by {@link TestAuditRegistrar}. */
    record Audit(String who, long when) {
    }

    /** A plain class without a no-argument constructor, as written before records. */
    static final class Legacy {
        private final String name;
        private final long id;

        Legacy(String name, long id) {
            this.name = Objects.requireNonNull(name);
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Legacy && ((Legacy) o).name.equals(name) && ((Legacy) o).id == id;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, id);
        }

        @Override
        public String toString() {
            return "Legacy[" + name + ", " + id + "]";
        }
    }
}
