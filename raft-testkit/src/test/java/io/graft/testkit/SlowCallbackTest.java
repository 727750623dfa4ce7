package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftClient;
import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The futures members and clients return complete on their callback threads: a callback that blocks holds up the
 * callbacks behind it, never Raft.
 */
class SlowCallbackTest {
    private static final Duration ELECTION_TIMEOUT = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CountDownLatch gate = new CountDownLatch(1);

    private TestCluster<String, Integer> cluster() {
        return TestCluster.<String, Integer>builder(Words.CODEC, id -> new GatedWords(gate)).nodes(3)
                .electionTimeout(ELECTION_TIMEOUT).heartbeatInterval(Duration.ofMillis(50))
                .resultCodec(RemoteClientTest.INTS).start();
    }

    @Test
    void aCallbackBlockedForSeveralElectionTimeoutsCostsTheLeaderNothing() throws InterruptedException {
        try (TestCluster<String, Integer> cluster = cluster()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            long term = leader.status().term();
            CountDownLatch inCallback = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> slow = leader.submit("gate").thenApply(n -> {
                inCallback.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Thread.currentThread().getName();
            });
            gate.countDown();
            assertThat(inCallback.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            long sentBefore = cluster.stats(leader.id()).messagesSent();

            // Commands go on committing and applying; only their futures wait, behind the blocked callback.
            CompletableFuture<Integer> next = leader.submit("next");
            await().atMost(WAIT).until(() -> cluster.appliedCommands(leader.id()).contains("next"));
            // No election while it blocks: every member stays in the term, following the same leader.
            await().during(ELECTION_TIMEOUT.multipliedBy(4)).atMost(WAIT).until(() ->
                    cluster.runningNodes().stream().allMatch(n -> n.status().term() == term
                            && n.status().leaderId() == leader.id()));
            assertThat(cluster.stats(leader.id()).messagesSent() - sentBefore).as("heartbeats sent meanwhile")
                    .isGreaterThan(20);
            assertThat(next).isNotDone();

            release.countDown();
            assertThat(slow).succeedsWithin(WAIT).isEqualTo("graft-callbacks-" + leader.id());
            assertThat(next).succeedsWithin(WAIT);
        }
    }

    @Test
    void aClientsFuturesCompleteOnItsOwnCallbackThreadNotOnAMembers() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().build()) {
            cluster.awaitLeader();
            CompletableFuture<String> thread = client.submit("gate").thenApply(n -> Thread.currentThread().getName());
            gate.countDown();

            assertThat(thread).succeedsWithin(WAIT)
                    .isEqualTo("graft-client-callbacks-" + Long.toHexString(client.sessionId()));
        }
    }
}
