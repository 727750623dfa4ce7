package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.NodeClosedException;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaderKnownTest {
    private static final Duration ELECTION_TIMEOUT = Duration.ofMillis(100);
    private static final ClusterConfig CLUSTER = ClusterConfig.builder().member(1, "a", 1).member(2, "b", 1)
            .member(3, "c", 1).electionTimeout(ELECTION_TIMEOUT).build();

    private final DirectNetwork net = new DirectNetwork();
    private final List<RaftNode<String, Integer>> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(RaftNode::close);
    }

    private RaftNode<String, Integer> start(int id) {
        RaftNode<String, Integer> node = Graft.node(CLUSTER, id, new LocalClusterSmokeTest.Recorder(),
                LocalClusterSmokeTest.UTF8).transport(net.transport(id)).start();
        nodes.add(node);
        return node;
    }

    @Test
    void completesWithTheLeaderOnceOneIsElectedAndAtOnceAfterwards() {
        RaftNode<String, Integer> alone = start(1);
        CompletableFuture<Integer> first = alone.whenLeaderKnown();
        CompletableFuture<String> thread = first.thenApply(id -> Thread.currentThread().getName());

        // One member of three cannot be elected: nobody leads, however long it waits.
        await().during(ELECTION_TIMEOUT.multipliedBy(5)).atMost(Duration.ofSeconds(5)).until(() -> !first.isDone());
        start(2);
        start(3);

        // Waiting for the chained future, not the first: a thread joining a future may run what is chained on it.
        assertThat(thread.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("graft-callbacks-1");
        assertThat(first.join()).isBetween(1, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().allMatch(n -> n.status().leaderId() != 0));
        for (RaftNode<String, Integer> node : nodes) {
            CompletableFuture<Integer> known = node.whenLeaderKnown();
            assertThat(known).isCompleted();
            assertThat(known.join()).isEqualTo(node.status().leaderId());
        }
    }

    @Test
    void hasNoDeadlineOfItsOwnSoOrTimeoutBoundsIt() {
        RaftNode<String, Integer> alone = start(1);

        assertThat(alone.whenLeaderKnown().orTimeout(300, TimeUnit.MILLISECONDS)).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void failsWhenTheMemberStopsFirst() {
        RaftNode<String, Integer> alone = start(1);
        CompletableFuture<Integer> waiting = alone.whenLeaderKnown();

        alone.close();

        assertThat(waiting).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(NodeClosedException.class);
        assertThat(alone.whenLeaderKnown()).isCompletedExceptionally();
    }
}
