package io.graft.codec.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Resolves classes by registered id only. Kryo's default resolver, shown bytes that name a class instead of
 * giving its id, loads that class before it checks the registration; this one refuses the name unread.
 */
final class StrictClassResolver extends DefaultClassResolver {

    @Override
    protected Registration readName(Input input) {
        throw new KryoException("the bytes name a class instead of giving a registered class id; "
                + "this codec only accepts registered classes");
    }
}
