package io.graft.codec.kryo;

import com.esotericsoftware.kryo.KryoException;

/** Kryo was asked to write an object of a class that is not registered. */
final class UnregisteredClassException extends KryoException {
    private static final long serialVersionUID = 1L;
    private final String binaryName;
    private final String sourceName;

    UnregisteredClassException(Class<?> type) {
        super("class " + type.getName() + " is not registered");
        this.binaryName = type.getName();
        this.sourceName = type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
    }

    /** The name as written in a {@code register} list, e.g. {@code com.example.Outer$Inner}. */
    String binaryName() {
        return binaryName;
    }

    /** The name as written in Java source, e.g. {@code com.example.Outer.Inner}. */
    String sourceName() {
        return sourceName;
    }
}
