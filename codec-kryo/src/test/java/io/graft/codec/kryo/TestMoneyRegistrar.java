package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Registers {@link TestTypes.Money} with a serializer of its own; listed in the test META-INF/services. */
public final class TestMoneyRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        registry.register(TestTypes.Money.class, kryo -> new MoneySerializer());
    }

    /** Writes the currency first, then the cents; counts its reads so that tests can see it was used. */
    static final class MoneySerializer extends Serializer<TestTypes.Money> {
        static final java.util.concurrent.atomic.AtomicLong READS = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void write(Kryo kryo, Output output, TestTypes.Money money) {
            output.writeString(money.currency());
            output.writeVarLong(money.cents(), false);
        }

        @Override
        public TestTypes.Money read(Kryo kryo, Input input, Class<? extends TestTypes.Money> type) {
            READS.incrementAndGet();
            String currency = input.readString();
            return new TestTypes.Money(input.readVarLong(false), currency);
        }
    }
}
