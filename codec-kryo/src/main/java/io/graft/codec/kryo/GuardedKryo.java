package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * A Kryo configured for untrusted bytes: registration required, class names refused, references off, a bounded
 * nesting depth, and size-checked collection serializers (see {@link GuardedSerializers}).
 */
final class GuardedKryo extends Kryo {

    GuardedKryo(int maxDepth, ClassLoader classLoader) {
        super(new StrictClassResolver(), null);
        setRegistrationRequired(true);
        setReferences(false);
        setMaxDepth(maxDepth);
        setClassLoader(classLoader);
        // Classes without a no-argument constructor are created without calling one, as Java serialization does.
        setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    }

    /**
     * Makes this instance usable again after {@code failure} interrupted a read or a write, or says it cannot.
     * Kryo's depth counter unwinds by itself, but the generic type stack does not and would mislead the next
     * value, so it is replaced. A stack overflow may have broken even the unwinding: such an instance is dropped.
     *
     * @return whether the instance can be reused
     */
    boolean recoverFrom(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return false;
            }
        }
        if (getDepth() != 0) {
            return false;
        }
        setOptimizedGenerics(true); // a fresh, empty generics stack
        reset();
        return true;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Serializer getDefaultSerializer(Class type) {
        return GuardedSerializers.guard(this, type, super.getDefaultSerializer(type));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Registration getRegistration(Class type) {
        try {
            return super.getRegistration(type);
        } catch (IllegalArgumentException e) {
            if (type == null) {
                throw e;
            }
            throw new UnregisteredClassException(type);
        }
    }
}
