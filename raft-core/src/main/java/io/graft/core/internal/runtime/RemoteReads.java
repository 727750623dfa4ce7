package io.graft.core.internal.runtime;

import io.graft.api.Codec;
import io.graft.api.LeadershipTransferException;
import io.graft.api.NodeClosedException;
import io.graft.api.NotLeaderException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftException;
import io.graft.api.RaftNode;
import io.graft.api.transport.ClientChannel;
import io.graft.core.internal.client.ClientRead;
import io.graft.core.internal.client.ClientStatus;

/**
 * Serves remote clients' reads: decodes the query with the command codec, reads as
 * {@link RaftNode#read(Object, io.graft.api.ReadConsistency)} does (nothing goes to the log; the answer comes on
 * the member's own threads, not through the callback executor), and answers with the result encoded by the result
 * codec. A member that cannot serve the read says who can, when it knows.
 */
final class RemoteReads<C, R> {
    private final LocalRaftNode<C, R> node;
    private final Codec<C> queries;
    private final Codec<R> results;

    /** @param results the result codec, or {@code null} when this member has none (reads then fail clearly) */
    RemoteReads(LocalRaftNode<C, R> node, Codec<C> queries, Codec<R> results) {
        this.node = node;
        this.queries = queries;
        this.results = results;
    }

    /** Starts serving {@code read}; the reply goes to {@code replyTo} later. Never blocks. */
    void serve(ClientRead read, ClientChannel replyTo) {
        if (results == null) {
            replyTo.reply(reply(read, ClientStatus.RESULT_NOT_ENCODABLE, 0, "member " + node.id()
                    + " has no result codec; start members with one to serve remote clients"));
            return;
        }
        C query;
        try {
            query = queries.decode(read.query());
        } catch (RuntimeException e) {
            replyTo.reply(reply(read, ClientStatus.BAD_REQUEST, 0, "cannot decode the query: " + e.getMessage()));
            return;
        }
        node.readForClient(query, read.consistency()).whenComplete((result, error) ->
                replyTo.reply(error == null ? answer(read, result) : failure(read, ClientReplies.unwrap(error))));
    }

    private byte[] answer(ClientRead read, R result) {
        byte[] body;
        try {
            body = results.encode(result);
        } catch (RuntimeException e) {
            return reply(read, ClientStatus.RESULT_NOT_ENCODABLE, 0, ClientReplies.describe(e));
        }
        return ClientReplies.of(read.sessionId(), read.requestId(), ClientStatus.OK, 0, body);
    }

    /** A read changes nothing, so every failure but the query's own is worth retrying elsewhere or later. */
    private static byte[] failure(ClientRead read, Throwable e) {
        if (e instanceof NotLeaderException nl) {
            return reply(read, ClientStatus.NOT_LEADER, nl.leaderId().orElse(0), e.getMessage());
        }
        if (e instanceof LeadershipTransferException lt) {
            return reply(read, ClientStatus.NOT_LEADER, lt.targetId(), e.getMessage());
        }
        if (e instanceof NodeClosedException) {
            return reply(read, ClientStatus.NOT_LEADER, 0, e.getMessage());
        }
        if (e instanceof OverloadedException) {
            return reply(read, ClientStatus.OVERLOADED, 0, e.getMessage());
        }
        if (e instanceof RaftException) {
            return reply(read, ClientStatus.OUTCOME_UNKNOWN, 0, e.getMessage());
        }
        return reply(read, ClientStatus.APPLY_FAILED, 0, ClientReplies.describe(e)); // The query threw.
    }

    private static byte[] reply(ClientRead read, ClientStatus status, int hint, String text) {
        return ClientReplies.explained(read.sessionId(), read.requestId(), status, hint, String.valueOf(text));
    }
}
