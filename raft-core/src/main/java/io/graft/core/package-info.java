/**
 * Starting a member: {@link io.graft.core.Graft#node} builds a {@link io.graft.api.RaftNode} from a
 * {@link io.graft.api.config.ClusterConfig}, a state machine and a codec; {@link io.graft.core.Clock} is the time
 * source a member reads (replaceable in tests).
 *
 * <p>The public packages of {@code graft-core} are this one, {@code client} (the remote client),
 * {@code config} (the YAML loader), {@code plugin} (finding transports, codecs and state machines by name),
 * {@code codec} (the built-in codecs), and {@code storage}, {@code storage.file} and {@code snapshot} (where a
 * member keeps its log and snapshots). Everything under {@code io.graft.core.internal} is the implementation:
 * it may change in any release and is not for callers.
 */
package io.graft.core;
