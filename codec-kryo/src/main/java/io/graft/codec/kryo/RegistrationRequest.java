package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;

import java.util.Objects;
import java.util.function.Function;

/**
 * One class to register, as asked for.
 *
 * @param type the class
 * @param serializer makes its serializer for one Kryo instance, or {@code null} for the one Kryo picks
 * @param origin who asked, for messages (e.g. {@code "registrar com.example.MyRegistrar"})
 */
record RegistrationRequest(Class<?> type, Function<Kryo, ? extends Serializer<?>> serializer, String origin) {

    RegistrationRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
    }
}
