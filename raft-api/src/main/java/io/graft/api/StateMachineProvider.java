package io.graft.api;

import io.graft.api.config.Options;

/**
 * Makes a state machine by name, so that a generic launcher can run it from a YAML file
 * ({@code stateMachine: kv}). Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.graft.api.StateMachineProvider}).
 *
 * @param <C> the command type
 * @param <R> the result type
 */
public interface StateMachineProvider<C, R> {

    /** The name a cluster configuration uses, e.g. {@code kv}. */
    String name();

    /** The command type, so that a codec can be chosen for it. */
    Class<C> commandType();

    /** The result type, so that a codec can be chosen for it. */
    Class<R> resultType();

    /** A fresh, empty state machine. */
    StateMachine<C, R> create(Options options);
}
