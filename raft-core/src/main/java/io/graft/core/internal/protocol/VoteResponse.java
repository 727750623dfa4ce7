package io.graft.core.internal.protocol;

/** The answer to a {@link VoteRequest}; {@code preVote} echoes the request's. */
public record VoteResponse(int from, int to, long term, boolean granted, boolean preVote) implements Message {
}
