package io.graft.codec.kryo;

import io.graft.codec.kryo.TestTypes.Batch;
import io.graft.codec.kryo.TestTypes.Color;
import io.graft.codec.kryo.TestTypes.Command;
import io.graft.codec.kryo.TestTypes.Delete;
import io.graft.codec.kryo.TestTypes.Get;
import io.graft.codec.kryo.TestTypes.Point;
import io.graft.codec.kryo.TestTypes.Put;
import io.graft.codec.kryo.TestTypes.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Random values of the test types, from a seed, so that a failure can be replayed. */
final class ValueGenerator {
    /** Code points from every UTF-8 length, surrogate pairs, and characters Kryo treats specially. */
    private static final int[] SPECIAL_CODE_POINTS = {0, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0xFFFF,
        0x1F600, 0x10FFFF, '\n', '"'};

    private final Random random;
    private final int maxByteArray;

    ValueGenerator(long seed) {
        this(seed, 100_000);
    }

    /** A generator whose byte arrays hold at most {@code maxByteArray} bytes. */
    ValueGenerator(long seed, int maxByteArray) {
        this.random = new Random(seed);
        this.maxByteArray = maxByteArray;
    }

    Random random() {
        return random;
    }

    String string() {
        int length = random.nextInt(5) == 0 ? random.nextInt(300) : random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.appendCodePoint(SPECIAL_CODE_POINTS[random.nextInt(SPECIAL_CODE_POINTS.length)]);
                case 1 -> s.appendCodePoint(random.nextInt(0xD800)); // the basic plane below the surrogates
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a supplementary character
                default -> s.append((char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }

    byte[] bytes() {
        int length = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt(maxByteArray);
            default -> random.nextInt(Math.min(64, maxByteArray + 1));
        };
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    Color color() {
        return Color.values()[random.nextInt(Color.values().length)];
    }

    Point point() {
        return new Point(random.nextInt(), random.nextBoolean() ? random.nextInt(100) : Integer.MIN_VALUE);
    }

    /** A scalar or small container, as may appear in a map of tags. */
    Object tagValue(int depth) {
        int kind = random.nextInt(depth > 2 ? 9 : 12);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextLong();
            case 2 -> random.nextInt();
            case 3 -> random.nextDouble();
            case 4 -> random.nextBoolean();
            case 5 -> string();
            case 6 -> color();
            case 7 -> point();
            case 8 -> (short) random.nextInt();
            case 9 -> list(depth + 1);
            case 10 -> List.copyOf(listNoNulls(depth + 1));
            default -> map(depth + 1);
        };
    }

    List<Object> list(int depth) {
        List<Object> list = random.nextBoolean() ? new ArrayList<>() : new LinkedList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            list.add(tagValue(depth));
        }
        return list;
    }

    private List<Object> listNoNulls(int depth) {
        List<Object> list = list(depth);
        list.removeIf(java.util.Objects::isNull);
        return list;
    }

    Map<String, Object> map(int depth) {
        Map<String, Object> map = switch (random.nextInt(3)) {
            case 0 -> new HashMap<>();
            case 1 -> new LinkedHashMap<>();
            default -> new TreeMap<>();
        };
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            map.put(string(), tagValue(depth));
        }
        return map;
    }

    Set<Long> ids() {
        Set<Long> ids = random.nextBoolean() ? new HashSet<>() : new TreeSet<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            ids.add(random.nextLong());
        }
        return random.nextInt(4) == 0 ? Set.copyOf(ids) : ids;
    }

    Shape shape(int depth) {
        List<Point> points = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            points.add(point());
        }
        Shape child = depth < 4 && random.nextBoolean() ? shape(depth + 1) : null;
        return new Shape(random.nextInt(10) == 0 ? null : string(), color(),
                random.nextBoolean() ? points : List.copyOf(points), map(0), ids(), bytes(),
                random.nextBoolean() ? Optional.of(string()) : Optional.empty(), child);
    }

    Command command(int depth) {
        return switch (random.nextInt(depth < 3 ? 4 : 3)) {
            case 0 -> new Put(string(), bytes());
            case 1 -> new Get(string());
            case 2 -> new Delete(string());
            default -> {
                List<Command> commands = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    commands.add(command(depth + 1));
                }
                yield new Batch(commands);
            }
        };
    }
}
