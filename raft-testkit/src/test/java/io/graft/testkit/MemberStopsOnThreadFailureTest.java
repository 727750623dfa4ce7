package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.graft.api.NodeClosedException;
import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member whose apply thread dies of an {@link Error} stops as a whole: it releases its transport (its port)
 * and its data directory's lock, fails what was pending, stops saying it leads, and reports why. Before, the
 * event loop ended but the rest lived on: the port and the lock stayed taken, and the member answered every
 * client "not leader" for as long as the process lived.
 */
class MemberStopsOnThreadFailureTest {
    @TempDir
    Path dir;

    /** Counts words, like {@link Words}, but dies of an {@link OutOfMemoryError} on {@code "poison-<its id>"}. */
    private static final class PoisonableWords implements StateMachine<String, Integer> {
        private final int id;
        private int count;

        PoisonableWords(int id) {
            this.id = id;
        }

        @Override
        public Integer apply(long index, String command) {
            if (command.equals("poison-" + id)) {
                throw new OutOfMemoryError("simulated: member " + id + " ran out of memory while applying");
            }
            return ++count;
        }

        @Override
        public Integer query(String query) {
            return count;
        }
    }

    @Test
    void aLeaderWhoseApplyThreadDiesReleasesItsPortAndDirectoryAndSaysWhy() throws Exception {
        try (TestCluster<String, Integer> cluster = TestCluster.builder(Words.CODEC, PoisonableWords::new)
                .nodes(3).electionTimeout(Duration.ofMillis(300)).heartbeatInterval(Duration.ofMillis(30))
                .fileStorage(dir).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int id = leader.id();
            leader.submit("before").join();

            CompletableFuture<Integer> poison = leader.submit("poison-" + id);

            assertThat(leader.whenStopped().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(20));
            assertThat(leader.failure()).get().isInstanceOf(OutOfMemoryError.class);
            assertThat(poison).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingCause().isInstanceOf(NodeClosedException.class).withMessageContaining("OutOfMemoryError");
            assertThat(leader.status().isLeader()).isFalse();
            assertThat(leader.submit("after")).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingCause().isInstanceOf(NodeClosedException.class)
                    .withMessageContaining("member " + id + " stopped").withMessageContaining("OutOfMemoryError");

            // Its transport is closed (a network transport would have released its port)...
            assertThat(cluster.network().attachedMembers()).doesNotContain(id);
            // ...and its data directory is free for the member's next start.
            Path data = cluster.dataDirectory(id).orElseThrow();
            assertThatCode(() -> FileLogStorage.open(data, FileLogOptions.of(TestCluster.FILE_CLUSTER_ID, id))
                    .close()).doesNotThrowAnyException();

            // The others go on without it.
            RaftNode<String, Integer> next = cluster.awaitLeaderAmong(cluster.othersThan(id));
            assertThat(next.submit("later").get(20, TimeUnit.SECONDS)).isPositive();
        }
    }
}
