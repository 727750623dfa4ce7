package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The {@link KryoRegistry} a registrar writes to: it appends requests, tagged with who made them. */
final class RequestCollector implements KryoRegistry {
    private final List<RegistrationRequest> requests;
    private final String origin;

    RequestCollector(List<RegistrationRequest> requests, String origin) {
        this.requests = requests;
        this.origin = origin;
    }

    @Override
    public KryoRegistry register(Class<?> type) {
        requests.add(new RegistrationRequest(Objects.requireNonNull(type, "type"), null, origin));
        return this;
    }

    @Override
    public KryoRegistry register(Class<?> type, Function<Kryo, ? extends Serializer<?>> serializer) {
        requests.add(new RegistrationRequest(Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(serializer, "serializer"), origin));
        return this;
    }
}
