/**
 * A replicated key-value store: its commands ({@link io.graft.examples.kv.KvCommand}), results
 * ({@link io.graft.examples.kv.KvResult}), state machine ({@link io.graft.examples.kv.KvStore}) and a
 * hand-written binary codec ({@link io.graft.examples.kv.KvBinaryCodec}), each discoverable by name.
 */
package io.graft.examples.kv;
