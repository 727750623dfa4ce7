package io.graft.api;

/**
 * The user's replicated state: Graft feeds it committed commands, in log order, on every member.
 *
 * <p>{@link #apply} must be deterministic: given the same sequence of commands, every replica must reach
 * the same state and return the same results. It is called from a single apply thread, never concurrently.
 * An exception thrown by {@code apply} becomes that command's result (the submitter's future fails with
 * it); it does not stop the node, and since every replica throws the same exception for the same command,
 * replicas do not diverge. A state machine that throws must therefore leave its state as it was, or change
 * it in the same deterministic way on every replica.
 *
 * @param <C> the command type
 * @param <R> the result type
 */
public interface StateMachine<C, R> {

    /**
     * Applies one committed command.
     *
     * @param index the log index of the command, increasing by at least one per call
     * @param command the decoded command
     * @return the result that completes the submitter's future
     */
    R apply(long index, C command);
}
