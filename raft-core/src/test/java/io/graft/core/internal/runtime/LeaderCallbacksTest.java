package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A state machine is told, in order with its applies, when its member starts and stops leading. */
class LeaderCallbacksTest {

    /** Records applies and leadership callbacks in one sequence. */
    static final class Watching extends LocalClusterSmokeTest.Recorder {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Integer apply(long index, String command) {
            calls.add("apply " + command);
            return super.apply(index, command);
        }

        @Override
        public void onLeaderStart(long term) {
            calls.add("start " + term);
        }

        @Override
        public void onLeaderStop(long term) {
            calls.add("stop " + term);
        }
    }

    @Test
    void theLeaderIsToldAfterItsPredecessorsEntriesAndTheNextOneToo() {
        try (Members<Watching> m = new Members<>(3, id -> new Watching(), (id, b) -> b)) {
            RaftNode<String, Integer> first = m.awaitLeader();
            long term = first.status().term();
            Watching firstSm = m.machine(first.id());
            await().atMost(Duration.ofSeconds(5)).until(() -> firstSm.calls.contains("start " + term));
            first.submit("a").join();
            m.nodes.stream().filter(n -> n != first).forEach(n -> assertThat(m.machine(n.id()).calls)
                    .noneMatch(c -> c.startsWith("start")));

            int next = first.id() % 3 + 1;
            first.transferLeadership(next).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> firstSm.calls.contains("stop " + term));
            Watching nextSm = m.machine(next);
            long nextTerm = m.node(next).status().term();
            await().atMost(Duration.ofSeconds(5)).until(() -> nextSm.calls.contains("start " + nextTerm));
            // Told after applying everything its predecessor committed.
            assertThat(nextSm.calls).containsSubsequence("apply a", "start " + nextTerm);
            assertThat(firstSm.calls).containsSubsequence("start " + term, "apply a", "stop " + term);
        }
    }
}
