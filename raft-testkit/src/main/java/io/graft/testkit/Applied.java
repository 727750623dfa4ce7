package io.graft.testkit;

/**
 * A command as a member applied it.
 *
 * @param index its log index
 * @param command the decoded command
 */
public record Applied<C>(long index, C command) {
}
