package io.graft.codec.kryo;

/**
 * One Kryo with its reusable input and output; used by one thread at a time, lent out by the codec's pool.
 *
 * @param kryo the configured, registered Kryo
 * @param input reads one value at a time
 * @param output writes one value at a time
 */
record KryoSession(GuardedKryo kryo, GuardedInput input, GuardedOutput output) {
}
