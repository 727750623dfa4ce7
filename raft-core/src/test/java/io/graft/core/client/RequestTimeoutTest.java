package io.graft.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.ClusterAdmin;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftClient;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import io.graft.core.codec.BuiltinCodecs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * At its request timeout, a client fails a request as a member fails it when the outcome cannot be known: a change
 * with {@link OutcomeUnknownException}, a request that changes nothing with {@link TimeoutException}; on its
 * callback thread either way.
 */
class RequestTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ClusterConfig CLUSTER = ClusterConfig.builder().member(1, "a", 1).member(2, "b", 1)
            .member(3, "c", 1).electionTimeout(Duration.ofMillis(50)).build();

    /** Members that never answer. */
    static final class Silence implements ClientTransport {
        @Override
        public void start(ClusterConfig cluster, ClientInbox inbox) {
        }

        @Override
        public void send(int memberId, byte[] frame) {
        }

        @Override
        public void close() {
        }
    }

    private static GraftClient.Builder<String, String> client() {
        return GraftClient.builder(CLUSTER, BuiltinCodecs.utf8(), BuiltinCodecs.utf8()).transport(new Silence())
                .requestTimeout(TIMEOUT);
    }

    private static void assertFailsWith(CompletableFuture<?> future, Class<? extends Throwable> type) {
        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).withCauseInstanceOf(type);
    }

    @Test
    void changesFailAsOutcomeUnknownAndQueriesAsTimedOut() {
        try (RaftClient<String, String> client = client().build()) {
            ClusterAdmin admin = client.admin();

            assertFailsWith(client.submit("w"), OutcomeUnknownException.class);
            assertFailsWith(admin.addMember(new Member(4, "d", 1)), OutcomeUnknownException.class);
            assertFailsWith(admin.removeMember(2), OutcomeUnknownException.class);
            assertFailsWith(admin.transferLeadership(2), OutcomeUnknownException.class);
            assertFailsWith(client.read("r"), TimeoutException.class);
            assertFailsWith(admin.membership(), TimeoutException.class);
        }
    }

    @Test
    void failuresCompleteOnTheClientsCallbackThread() {
        try (GraftClient<String, String> client = client().build()) {
            CompletableFuture<String> thread = client.read("r").handle((r, e) -> Thread.currentThread().getName());

            assertThat(thread).succeedsWithin(WAIT).asString()
                    .isEqualTo("graft-client-callbacks-" + Long.toHexString(client.sessionId()));
        }
    }

    @Test
    void anExecutorGivenToTheBuilderCompletesThemInstead() {
        ExecutorService app = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-callbacks"));
        try (GraftClient<String, String> client = client().callbackExecutor(app).build()) {
            CompletableFuture<String> thread = client.submit("w").handle((r, e) -> Thread.currentThread().getName());

            assertThat(thread).succeedsWithin(WAIT).isEqualTo("app-callbacks");
        } finally {
            app.shutdownNow();
        }
    }
}
