package io.graft.codec.kryo;

import com.esotericsoftware.kryo.util.Pool;
import io.graft.api.Codec;
import io.graft.api.CodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodType;
import java.util.List;

/**
 * A {@link Codec} backed by Kryo 5, for commands and results made of records, enums, collections and plain
 * classes. Thread-safe: Kryo instances, which are not, are pooled and each is used by one thread at a time.
 *
 * <p>Only registered classes are written or read (see {@link KryoCodecBuilder} for the order registrations are
 * made in). Every encoded value starts with the 4-byte {@linkplain #fingerprint() fingerprint} of the
 * registrations, big-endian, so that members registering different classes fail loudly on the first message
 * instead of misreading each other. Decoding trusts nothing: any failure is a {@link CodecException}.
 *
 * @param <T> the type of value
 */
public final class KryoCodec<T> implements Codec<T> {
    /** The name a cluster configuration uses for this codec. */
    public static final String NAME = "kryo";

    private static final Logger log = LoggerFactory.getLogger(KryoCodec.class);
    private static final int FINGERPRINT_BYTES = 4;

    private final Class<T> type;
    private final Class<?> boxedType;
    private final KryoLimits limits;
    private final ClassLoader classLoader;
    private final RegistrationPlan plan;
    private final List<String> registrations;
    private final int fingerprint;
    private final Pool<KryoSession> pool;

    KryoCodec(Class<T> type, List<RegistrationRequest> requests, KryoLimits limits, ClassLoader classLoader) {
        this.type = type;
        this.boxedType = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
        this.limits = limits;
        this.classLoader = classLoader;
        this.plan = RegistrationPlan.of(requests, new GuardedKryo(limits.maxDepth(), classLoader));
        KryoSession first = newSession();
        this.registrations = List.copyOf(plan.describe(first.kryo()));
        this.fingerprint = RegistrationPlan.fingerprint(registrations);
        int poolSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.pool = new Pool<>(true, false, poolSize) {
            @Override
            protected KryoSession create() {
                return newSession();
            }
        };
        pool.free(first);
        log.debug("kryo codec for {}: {} registrations, fingerprint {}", type.getName(), registrations.size(),
                hex(fingerprint));
    }

    /** A builder for a codec of {@code type}. */
    public static <T> KryoCodecBuilder<T> builder(Class<T> type) {
        return new KryoCodecBuilder<>(type);
    }

    /** The type of value this codec encodes. */
    public Class<T> type() {
        return type;
    }

    /**
     * A CRC-32 of every registration ({@link #registrations()}); equal on two members exactly when they register
     * the same classes, with the same ids, serializers and layouts (record components, serialized fields, enum
     * constants). Written at the start of every encoded value.
     */
    /** {@code kryo/} and the registration fingerprint: members with other registrations notice. */
    @Override
    public String descriptor() {
        return String.format("kryo/%08x", fingerprint());
    }

    public int fingerprint() {
        return fingerprint;
    }

    /**
     * Every registration, as {@code id:className:serializerClassName}, followed for records, enums and classes
     * written field by field with their layout, e.g. {@code 70:com.example.Point:...RecordSerializer(x:int,y:int)};
     * by id.
     */
    public List<String> registrations() {
        return registrations;
    }

    @Override
    public byte[] encode(T value) {
        if (value != null && !boxedType.isInstance(value)) {
            throw new CodecException(prefix() + "cannot encode a " + value.getClass().getName() + ", it is not a "
                    + type.getName());
        }
        KryoSession session = pool.obtain();
        boolean reusable = false;
        try {
            GuardedOutput output = session.output();
            output.start();
            output.writeByte(fingerprint >>> 24);
            output.writeByte(fingerprint >>> 16);
            output.writeByte(fingerprint >>> 8);
            output.writeByte(fingerprint);
            session.kryo().writeClassAndObject(output, value);
            byte[] bytes = output.toBytes();
            long budget = ElementBudget.forInput(bytes.length, limits.maxElements());
            if (output.elementsWritten() > budget) {
                throw new CodecException(prefix() + "the value holds " + output.elementsWritten()
                        + " collection elements in " + bytes.length + " bytes, more than a decoder accepts ("
                        + budget + "); raise maxElements on every member");
            }
            reusable = true;
            return bytes;
        } catch (CodecException e) {
            reusable = true;
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            reusable = session.kryo().recoverFrom(e);
            throw encodeFailure(value, e);
        } finally {
            release(session, reusable);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException(prefix() + "cannot decode null bytes");
        }
        checkFingerprint(bytes);
        KryoSession session = pool.obtain();
        boolean reusable = false;
        try {
            GuardedInput input = session.input();
            input.start(bytes, FINGERPRINT_BYTES, ElementBudget.forInput(bytes.length, limits.maxElements()));
            Object value = session.kryo().readClassAndObject(input);
            if (input.remaining() != 0) {
                throw new CodecException(prefix() + input.remaining() + " of " + bytes.length
                        + " bytes follow the value; the bytes are corrupt or were not made by this codec");
            }
            if (value != null && !boxedType.isInstance(value)) {
                throw new CodecException(prefix() + "the bytes hold a " + value.getClass().getName() + ", not a "
                        + type.getName());
            }
            reusable = true;
            @SuppressWarnings("unchecked")
            T result = (T) value;
            return result;
        } catch (CodecException e) {
            reusable = true;
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            reusable = session.kryo().recoverFrom(e);
            throw new CodecException(prefix() + "cannot decode " + bytes.length + " bytes: " + firstLine(e), e);
        } finally {
            release(session, reusable);
        }
    }

    private void checkFingerprint(byte[] bytes) {
        if (bytes.length < FINGERPRINT_BYTES) {
            throw new CodecException(prefix() + bytes.length + " bytes are too short to hold the "
                    + FINGERPRINT_BYTES + "-byte registration fingerprint; they were not made by a kryo codec");
        }
        int theirs = (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
        if (theirs != fingerprint) {
            throw new CodecException("kryo registration fingerprint mismatch: this node " + hex(fingerprint)
                    + ", the bytes " + hex(theirs) + "; the members register different classes (or the bytes are"
                    + " corrupt), so every member must register the same classes in the same order; registered"
                    + " here for " + type.getName() + ", after Kryo's built-ins and " + CommonTypes.all().size()
                    + " common JDK types: " + plan.ownRegistrations());
        }
    }

    private CodecException encodeFailure(T value, Throwable e) {
        String what = value == null ? "null" : "a " + value.getClass().getName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnregisteredClassException) {
                UnregisteredClassException u = (UnregisteredClassException) t;
                String name = u.binaryName();
                if (name.startsWith("java.util.Collections$")) {
                    return new CodecException(prefix() + "cannot encode " + what + ": it holds a " + name
                            + ", a view this codec does not write; copy it first (List.copyOf, Set.copyOf, Map.copyOf"
                            + " or new ArrayList<>(...))", e);
                }
                return new CodecException(prefix() + "cannot encode " + what + ": it holds a " + name
                        + ", which is not registered. Register it on every member: KryoCodec.builder(...).register("
                        + u.sourceName() + ".class), or list it in the cluster YAML under codecOptions: { register: ["
                        + name + "] }, or register it from a KryoRegistrar", e);
            }
        }
        return new CodecException(prefix() + "cannot encode " + what + ": " + firstLine(e), e);
    }

    private KryoSession newSession() {
        GuardedKryo kryo = new GuardedKryo(limits.maxDepth(), classLoader);
        try {
            plan.applyTo(kryo);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException(prefix() + "cannot register the classes: " + e, e);
        }
        return new KryoSession(kryo, new GuardedInput(), new GuardedOutput());
    }

    /** Returns a session to the pool, or drops it when a failure left Kryo in a state it cannot recover from. */
    private void release(KryoSession session, boolean reusable) {
        session.input().finish();
        session.output().finish();
        if (reusable) {
            pool.free(session);
        }
    }

    private String prefix() {
        return "kryo codec for " + type.getName() + ": ";
    }

    private static String firstLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return "the value nests deeper than this thread's stack allows; lower maxDepth so that such values"
                        + " are refused cleanly, or give the thread a larger stack";
            }
        }
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    @Override
    public String toString() {
        return "KryoCodec[" + type.getName() + ", " + registrations.size() + " registrations, fingerprint "
                + hex(fingerprint) + "]";
    }
}
