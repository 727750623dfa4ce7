package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import io.graft.api.CodecException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The registrations of one codec, with explicit ids assigned in request order, replayed onto every pooled Kryo.
 *
 * <p>A class asked for twice keeps its first id; a later request with a serializer replaces the serializer.
 * Kryo's built-in registrations (primitives, their wrappers and {@code String}) keep their ids.
 */
final class RegistrationPlan {
    /** Changes when the layout of an encoded value changes, so that old and new nodes never agree by accident. */
    private static final String FORMAT = "graft-kryo-1";

    private final List<Planned> planned;
    private final int maxId;

    /**
     * One registration to make.
     *
     * @param type the class
     * @param id its Kryo id
     * @param serializer makes its serializer, or {@code null} for Kryo's choice
     * @param origin who asked for it
     */
    record Planned(Class<?> type, int id, Function<Kryo, ? extends Serializer<?>> serializer, String origin) {
    }

    private RegistrationPlan(List<Planned> planned, int maxId) {
        this.planned = List.copyOf(planned);
        this.maxId = maxId;
    }

    /** Plans {@code requests} in order, on top of the built-in registrations of {@code probe}, a fresh Kryo. */
    static RegistrationPlan of(List<RegistrationRequest> requests, Kryo probe) {
        Map<Class<?>, Planned> byType = new LinkedHashMap<>();
        int nextId = CommonTypes.FIRST_ID;
        for (RegistrationRequest request : requests) {
            Class<?> type = request.type();
            Registration builtIn = probe.getClassResolver().getRegistration(type);
            if (builtIn != null) {
                type = builtIn.getType(); // the primitive, when asked for its wrapper
            }
            Planned earlier = byType.get(type);
            if (earlier != null || builtIn != null) {
                if (request.serializer() != null) {
                    int id = earlier != null ? earlier.id() : builtIn.getId();
                    byType.put(type, new Planned(type, id, request.serializer(), request.origin()));
                }
                continue;
            }
            byType.put(type, new Planned(type, nextId++, request.serializer(), request.origin()));
        }
        return new RegistrationPlan(new ArrayList<>(byType.values()), nextId - 1);
    }

    /**
     * Makes every planned registration on {@code kryo}, a fresh instance.
     *
     * @throws CodecException naming the class and who asked for it, if its serializer cannot be made
     */
    void applyTo(Kryo kryo) {
        for (Planned p : planned) {
            Serializer<?> serializer;
            try {
                serializer = p.serializer() == null ? kryo.getDefaultSerializer(p.type()) : p.serializer().apply(kryo);
            } catch (RuntimeException e) {
                throw new CodecException("kryo: cannot make a serializer for " + p.type().getName() + " (from "
                        + p.origin() + "): " + e + "; register a custom serializer for it from a KryoRegistrar", e);
            }
            if (serializer == null) {
                throw new CodecException("kryo: the serializer factory for " + p.type().getName()
                        + " (from " + p.origin() + ") returned null; return a Serializer");
            }
            kryo.register(p.type(), serializer, p.id());
        }
    }

    /**
     * Every registration of {@code kryo} (after {@link #applyTo}), as {@code id:class:serializer(layout)}, by id;
     * see {@link TypeShape} for the layout.
     */
    List<String> describe(Kryo kryo) {
        List<String> lines = new ArrayList<>();
        for (int id = 0; id <= Math.max(maxId, CommonTypes.FIRST_ID - 1); id++) {
            Registration r = kryo.getClassResolver().getRegistration(id);
            if (r != null) {
                lines.add(id + ":" + r.getType().getName() + ":" + r.getSerializer().getClass().getName()
                        + TypeShape.of(r.getType(), r.getSerializer()));
            }
        }
        return lines;
    }

    /** A CRC-32 of the format name and {@code registrations} (as {@link #describe} gives them). */
    static int fingerprint(List<String> registrations) {
        CRC32 crc = new CRC32();
        crc.update((FORMAT + "\n" + String.join("\n", registrations)).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** The registrations not among Kryo's built-ins and the common types, as {@code id:class}, for messages. */
    List<String> ownRegistrations() {
        int common = CommonTypes.FIRST_ID + CommonTypes.all().size();
        List<String> own = new ArrayList<>();
        for (Planned p : planned) {
            if (p.id() >= common || p.serializer() != null && !p.origin().equals(CommonTypes.ORIGIN)) {
                own.add(p.id() + ":" + p.type().getName());
            }
        }
        return own;
    }
}
