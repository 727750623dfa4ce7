package io.graft.codec.kryo;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The registrations a codec makes for its own type: the type itself when it can have instances and, when it
 * is sealed, every permitted subclass (recursively, each level sorted by name).
 */
final class CodecTypes {
    /** The origin of these registrations, in messages. */
    static final String ORIGIN = "codec type";

    private CodecTypes() {
    }

    /** The requests for {@code type}. */
    static List<RegistrationRequest> of(Class<?> type) {
        List<RegistrationRequest> requests = new ArrayList<>();
        add(type, requests);
        return requests;
    }

    private static void add(Class<?> type, List<RegistrationRequest> requests) {
        if (hasInstances(type)) {
            requests.add(new RegistrationRequest(type, null, ORIGIN));
        }
        // An enum with constant bodies is sealed too, but Kryo maps the bodies to the enum's registration.
        if (type.isSealed() && !type.isEnum()) {
            Class<?>[] permitted = type.getPermittedSubclasses();
            Arrays.sort(permitted, Comparator.comparing(Class::getName));
            for (Class<?> subclass : permitted) {
                add(subclass, requests);
            }
        }
    }

    /** Whether values can be of exactly this class (interfaces and abstract classes cannot, enums can). */
    private static boolean hasInstances(Class<?> type) {
        if (type == Object.class || type.isAnonymousClass()) {
            return false;
        }
        if (type.isEnum() || type.isArray() || type.isPrimitive()) {
            return true;
        }
        return !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
    }
}
