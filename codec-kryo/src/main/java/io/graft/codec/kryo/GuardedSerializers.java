package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.StringArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.ArraysAsListSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.ConcurrentSkipListMapSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.PriorityQueueSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.TreeMapSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.TreeSetSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableListSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableMapSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableSetSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Kryo's serializers for collections, maps and object arrays, with their declared sizes checked against the
 * {@link ElementBudget} before anything is allocated.
 *
 * <p>{@link #guard} swaps a serializer Kryo chose by default for its guarded twin; the wire format is Kryo's,
 * except for the JDK's immutable collections ({@code List.of}, {@code Set.of}, {@code Map.of}), whose list
 * serializer here also accepts the nulls {@code Stream.toList()} allows.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class GuardedSerializers {

    private GuardedSerializers() {
    }

    /** The guarded equivalent of {@code chosen}, the serializer Kryo picked for {@code type}, or {@code chosen}. */
    static Serializer guard(Kryo kryo, Class type, Serializer chosen) {
        Class<?> c = chosen.getClass();
        if (c == CollectionSerializer.class) {
            return new GuardedCollectionSerializer<>();
        }
        if (c == MapSerializer.class) {
            return new GuardedMapSerializer<>();
        }
        if (c == TreeSetSerializer.class) {
            return new GuardedTreeSetSerializer();
        }
        if (c == TreeMapSerializer.class) {
            return new GuardedTreeMapSerializer();
        }
        if (c == ConcurrentSkipListMapSerializer.class) {
            return new GuardedConcurrentSkipListMapSerializer();
        }
        if (c == PriorityQueueSerializer.class) {
            return new GuardedPriorityQueueSerializer();
        }
        if (c == ArraysAsListSerializer.class) {
            return new GuardedArraysAsListSerializer();
        }
        if (c == ObjectArraySerializer.class) {
            return new GuardedObjectArraySerializer(kryo, type);
        }
        if (c == StringArraySerializer.class) {
            return new GuardedStringArraySerializer();
        }
        if (c == JdkImmutableListSerializer.class) {
            return new ImmutableListSerializer();
        }
        if (c == JdkImmutableSetSerializer.class) {
            return new ImmutableSetSerializer();
        }
        if (c == JdkImmutableMapSerializer.class) {
            return new ImmutableMapSerializer();
        }
        return chosen;
    }

    /** A capacity for a hash table that will hold {@code size} entries without rehashing. */
    private static int hashCapacity(int size) {
        return Math.max((int) (size / 0.75f) + 1, 16);
    }

    /** Reads the length prefix of an array without consuming it, when the input can be rewound. */
    private static void claimArrayLength(Input input) {
        if (input instanceof GuardedInput) {
            int start = input.position();
            int lengthPlusOne = input.readVarInt(true);
            input.setPosition(start);
            ElementBudget.claim(input, Math.max(lengthPlusOne - 1, 0));
        }
    }

    /** Any {@link Collection} with a no-argument constructor (ArrayList, LinkedList, HashSet, ArrayDeque...). */
    static class GuardedCollectionSerializer<T extends Collection> extends CollectionSerializer<T> {
        @Override
        public void write(Kryo kryo, Output output, T collection) {
            if (collection != null) {
                ElementBudget.count(output, collection.size());
            }
            super.write(kryo, output, collection);
        }

        @Override
        protected T create(Kryo kryo, Input input, Class<? extends T> type, int size) {
            ElementBudget.claim(input, size);
            int capacity = ElementBudget.initialCapacity(input, size);
            if (type == ArrayList.class) {
                return (T) new ArrayList<>(capacity);
            }
            if (type == HashSet.class) {
                return (T) new HashSet<>(hashCapacity(capacity));
            }
            return kryo.newInstance(type);
        }
    }

    /** Any {@link Map} with a no-argument constructor (HashMap, LinkedHashMap...). */
    static final class GuardedMapSerializer<T extends Map> extends MapSerializer<T> {
        @Override
        public void write(Kryo kryo, Output output, T map) {
            if (map != null) {
                ElementBudget.count(output, map.size());
            }
            super.write(kryo, output, map);
        }

        @Override
        protected T create(Kryo kryo, Input input, Class<? extends T> type, int size) {
            ElementBudget.claim(input, size);
            if (type == HashMap.class) {
                return (T) new HashMap<>(hashCapacity(ElementBudget.initialCapacity(input, size)));
            }
            return kryo.newInstance(type);
        }
    }

    /** {@link TreeSet} and subclasses, with their comparator. */
    static final class GuardedTreeSetSerializer extends TreeSetSerializer {
        @Override
        public void write(Kryo kryo, Output output, TreeSet set) {
            if (set != null) {
                ElementBudget.count(output, set.size());
            }
            super.write(kryo, output, set);
        }

        @Override
        protected TreeSet create(Kryo kryo, Input input, Class<? extends TreeSet> type, int size) {
            ElementBudget.claim(input, size);
            return super.create(kryo, input, type, size);
        }
    }

    /** {@link TreeMap} and subclasses, with their comparator. */
    static final class GuardedTreeMapSerializer extends TreeMapSerializer {
        @Override
        public void write(Kryo kryo, Output output, TreeMap map) {
            if (map != null) {
                ElementBudget.count(output, map.size());
            }
            super.write(kryo, output, map);
        }

        @Override
        protected TreeMap create(Kryo kryo, Input input, Class<? extends TreeMap> type, int size) {
            ElementBudget.claim(input, size);
            return super.create(kryo, input, type, size);
        }
    }

    /** {@link ConcurrentSkipListMap} and subclasses, with their comparator. */
    static final class GuardedConcurrentSkipListMapSerializer extends ConcurrentSkipListMapSerializer {
        @Override
        public void write(Kryo kryo, Output output, ConcurrentSkipListMap map) {
            if (map != null) {
                ElementBudget.count(output, map.size());
            }
            super.write(kryo, output, map);
        }

        @Override
        protected ConcurrentSkipListMap create(Kryo kryo, Input input, Class<? extends ConcurrentSkipListMap> type,
                                               int size) {
            ElementBudget.claim(input, size);
            return super.create(kryo, input, type, size);
        }
    }

    /** {@link PriorityQueue} and subclasses, with their comparator. */
    static final class GuardedPriorityQueueSerializer extends PriorityQueueSerializer {
        @Override
        public void write(Kryo kryo, Output output, PriorityQueue queue) {
            if (queue != null) {
                ElementBudget.count(output, queue.size());
            }
            super.write(kryo, output, queue);
        }

        @Override
        protected PriorityQueue create(Kryo kryo, Input input, Class<? extends PriorityQueue> type, int size) {
            ElementBudget.claim(input, size);
            return super.create(kryo, input, type, ElementBudget.initialCapacity(input, size));
        }
    }

    /** The fixed-size list {@code Arrays.asList} returns. */
    static final class GuardedArraysAsListSerializer extends ArraysAsListSerializer {
        @Override
        public void write(Kryo kryo, Output output, List list) {
            if (list != null) {
                ElementBudget.count(output, list.size());
            }
            super.write(kryo, output, list);
        }

        @Override
        protected List create(Kryo kryo, Input input, Class type, int size) {
            ElementBudget.claim(input, size);
            return new ArrayList<>(ElementBudget.initialCapacity(input, size));
        }
    }

    /** Arrays of objects ({@code Object[]}, {@code MyRecord[]}...). */
    static final class GuardedObjectArraySerializer extends ObjectArraySerializer {
        GuardedObjectArraySerializer(Kryo kryo, Class type) {
            super(kryo, type);
        }

        @Override
        public void write(Kryo kryo, Output output, Object[] array) {
            if (array != null) {
                ElementBudget.count(output, array.length);
            }
            super.write(kryo, output, array);
        }

        @Override
        public Object[] read(Kryo kryo, Input input, Class type) {
            claimArrayLength(input);
            return super.read(kryo, input, type);
        }
    }

    /** {@code String[]}. */
    static final class GuardedStringArraySerializer extends StringArraySerializer {
        @Override
        public void write(Kryo kryo, Output output, String[] array) {
            if (array != null) {
                ElementBudget.count(output, array.length);
            }
            super.write(kryo, output, array);
        }

        @Override
        public String[] read(Kryo kryo, Input input, Class type) {
            claimArrayLength(input);
            return super.read(kryo, input, type);
        }
    }

    /**
     * {@code List.of(...)}, {@code List.copyOf}, {@code Stream.toList()} (which may hold nulls) and their sublists;
     * read back as {@code List.copyOf} or, when it holds nulls, as {@code Stream.toList()}.
     */
    static final class ImmutableListSerializer extends GuardedCollectionSerializer<List<Object>> {
        @Override
        protected List<Object> create(Kryo kryo, Input input, Class<? extends List<Object>> type, int size) {
            ElementBudget.claim(input, size);
            return new ArrayList<>(ElementBudget.initialCapacity(input, size));
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            List<Object> list = super.read(kryo, input, type);
            if (list == null) {
                return null;
            }
            // Stream.toList() makes the same immutable list class as List.of, but one that accepts nulls.
            return list.contains(null) ? Arrays.stream(list.toArray()).toList() : List.copyOf(list);
        }
    }

    /** {@code Set.of(...)} and {@code Set.copyOf}; read back as {@code Set.copyOf}. */
    static final class ImmutableSetSerializer extends GuardedCollectionSerializer<Set<Object>> {
        @Override
        protected Set<Object> create(Kryo kryo, Input input, Class<? extends Set<Object>> type, int size) {
            ElementBudget.claim(input, size);
            return new HashSet<>(hashCapacity(ElementBudget.initialCapacity(input, size)));
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            Set<Object> set = super.read(kryo, input, type);
            return set == null ? null : Set.copyOf(set);
        }
    }

    /** {@code Map.of(...)} and {@code Map.copyOf}; read back as {@code Map.copyOf}. */
    static final class ImmutableMapSerializer extends MapSerializer<Map<Object, Object>> {
        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            if (map != null) {
                ElementBudget.count(output, map.size());
            }
            super.write(kryo, output, map);
        }

        @Override
        protected Map<Object, Object> create(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type,
                                             int size) {
            ElementBudget.claim(input, size);
            return new HashMap<>(hashCapacity(ElementBudget.initialCapacity(input, size)));
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            Map<Object, Object> map = super.read(kryo, input, type);
            return map == null ? null : Map.copyOf(map);
        }
    }
}
