package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.NodeClosedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.StateMachine;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.internal.client.SessionTable;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.snapshot.MemorySnapshotStore;
import io.graft.core.storage.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Commands that will never be answered normally are failed, and released from the pending count, every time. */
class UnfinishedCommandsTest {

    @Test
    void aCommandItsCallerGaveUpOnIsStillReleasedWhenItFails() {
        AtomicInteger released = new AtomicInteger();
        CompletionBatcher out = Callbacks.on(Runnable::run).batcher();
        PendingCommands pending = new PendingCommands(released::incrementAndGet, out);
        CompletableFuture<Object> abandoned = new CompletableFuture<>();
        CompletableFuture<Object> awaited = new CompletableFuture<>();
        pending.add(new Pending(5, 2, abandoned));
        pending.add(new Pending(6, 2, awaited));
        abandoned.cancel(false); // The caller's orTimeout or cancel got there first.

        pending.leadershipLost(4, 3);
        out.flush(); // As the event loop does at the end of each round.

        assertThat(released).hasValue(2);
        assertThat(awaited).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(OutcomeUnknownException.class);
    }

    @Test
    void theRestOfABatchFailsWhenTheMemberClosesWhileApplyingIt() throws Exception {
        AtomicReference<ApplyWorker<byte[], Long>> workerRef = new AtomicReference<>();
        StateMachine<byte[], Long> closesOnFirst = (index, command) -> {
            workerRef.get().stop(); // The member closes while this entry applies.
            return index;
        };
        ApplyWorker<byte[], Long> worker = new ApplyWorker<>(1, closesOnFirst, BuiltinCodecs.bytes(), null,
                new SessionTable(60_000), new MemorySnapshotStore(), ClusterMembership.ofVoterIds(1), Long.MAX_VALUE,
                null, n -> { }, e -> { }, Callbacks.on(Runnable::run));
        workerRef.set(worker);
        List<LogEntry> entries = new ArrayList<>();
        List<Pending> commands = new ArrayList<>();
        for (long i = 1; i <= 3; i++) {
            entries.add(LogEntry.command(i, 1, new byte[] {1}));
            commands.add(new Pending(i, 1, new CompletableFuture<>()));
        }
        worker.submit(new ApplyBatch(entries, commands));

        Thread thread = new Thread(worker, "apply-1");
        thread.start();
        thread.join(10_000);

        assertThat(commands.get(0).future()).isCompletedWithValue(1L);
        for (Pending unapplied : commands.subList(1, 3)) {
            assertThat(unapplied.future()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(NodeClosedException.class).withMessageContaining("closed before applying entry");
        }
    }
}
