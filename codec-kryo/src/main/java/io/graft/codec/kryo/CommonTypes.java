package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.UUIDSerializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The JDK types every Kryo codec registers, after Kryo's own primitives and {@code String} and before the
 * codec's type. The order is part of the format: append only, never reorder (a change shows up as a new
 * fingerprint).
 */
final class CommonTypes {

    /** The origin of the common registrations, in messages. */
    static final String ORIGIN = "common type";

    /** The id of the first common type; Kryo's built-in registrations use the ids below. */
    static final int FIRST_ID = 16;

    private static final List<Class<?>> TYPES = List.of(
            byte[].class, boolean[].class, char[].class, short[].class, int[].class, long[].class,
            float[].class, double[].class, String[].class, Object[].class,
            ArrayList.class, LinkedList.class, ArrayDeque.class,
            HashMap.class, LinkedHashMap.class, TreeMap.class,
            HashSet.class, LinkedHashSet.class, TreeSet.class, EnumSet.class,
            // The JDK's immutable collections: List.of, Set.of, Map.of, their copyOf twins and Stream.toList().
            List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).subList(0, 1).getClass(),
            Set.of().getClass(), Set.of(1).getClass(),
            Map.of().getClass(), Map.of(1, 1).getClass(),
            Collections.emptyList().getClass(), Collections.emptySet().getClass(), Collections.emptyMap().getClass(),
            Collections.singletonList(1).getClass(), Collections.singleton(1).getClass(),
            Collections.singletonMap(1, 1).getClass(),
            Arrays.asList().getClass(),
            Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class,
            BigInteger.class, BigDecimal.class, UUID.class,
            Instant.class, Duration.class, LocalDate.class, LocalDateTime.class);

    private CommonTypes() {
    }

    /** The common types, in registration order, each with the serializer Kryo picks unless it lacks a good one. */
    static List<RegistrationRequest> all() {
        List<RegistrationRequest> requests = new ArrayList<>();
        for (Class<?> type : TYPES) {
            // Kryo has a UUID serializer but does not pick it by default (its fields are not open to reflection).
            Function<Kryo, ? extends Serializer<?>> serializer = type == UUID.class ? kryo -> new UUIDSerializer() : null;
            requests.add(new RegistrationRequest(type, serializer, ORIGIN));
        }
        return requests;
    }
}
