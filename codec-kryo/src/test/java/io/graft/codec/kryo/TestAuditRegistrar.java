package io.graft.codec.kryo;

/** Registers {@link TestTypes.Audit}; listed in the test META-INF/services, before the money registrar. */
public final class TestAuditRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        registry.register(TestTypes.Audit.class);
    }
}
