package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.StateMachine;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.internal.client.SessionTable;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.snapshot.MemorySnapshotStore;
import io.graft.core.snapshot.SnapshotFormat;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.snapshot.SnapshotStore;
import io.graft.core.storage.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A follower that fell behind twice receives a second snapshot from the leader before its apply thread got to
 * restore the first; the memory store keeps only the latest, so the first is gone. The apply thread restores
 * the newer one instead (it covers the entries in between), rather than failing and stopping the member.
 */
class SupersededSnapshotTest {

    /** Counts applied commands; its snapshot is that count. */
    static final class Counter implements StateMachine<byte[], Long> {
        volatile long count;
        final List<Long> appliedIndexes = new CopyOnWriteArrayList<>();

        @Override
        public Long apply(long index, byte[] command) {
            appliedIndexes.add(index);
            return ++count;
        }

        @Override
        public void restore(InputStream in) throws IOException {
            count = new DataInputStream(in).readLong();
        }
    }

    /** Stores a snapshot as a leader's would arrive: session table, then the state machine's bytes. */
    private static void store(SnapshotStore store, long index, long count) throws IOException {
        SnapshotMeta meta = new SnapshotMeta(index, 1, ClusterMembership.ofVoterIds(1, 2, 3));
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        new SessionTable(60_000).writeTo(new DataOutputStream(table));
        try (SnapshotStore.Writer w = store.create(meta)) {
            OutputStream out = SnapshotFormat.writer(meta, w.stream());
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(table.size());
            table.writeTo(d);
            d.writeLong(count);
            d.flush();
            out.close();
            w.commit();
        }
    }

    private static ApplyBatch batch(long from, long to) {
        List<LogEntry> entries = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            entries.add(LogEntry.command(i, 1, new byte[] {1}));
        }
        return new ApplyBatch(entries, List.of());
    }

    @Test
    void aReplacedSnapshotIsRestoredFromTheNewerOne() throws Exception {
        MemorySnapshotStore store = new MemorySnapshotStore();
        SnapshotMeta first = new SnapshotMeta(10, 1, ClusterMembership.ofVoterIds(1, 2, 3));
        store(store, 10, 10);
        store(store, 20, 20); // Replaces the first before anything was restored.
        Counter sm = new Counter();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        ApplyWorker<byte[], Long> worker = new ApplyWorker<>(2, sm, BuiltinCodecs.bytes(), null, new SessionTable(60_000),
                store, ClusterMembership.ofVoterIds(1, 2, 3), Long.MAX_VALUE, null, n -> { }, fatal::set,
                Callbacks.on(Runnable::run));
        // What the event loop queued, in log order: the first restore, entries after it, the second restore, more.
        worker.submit(new ApplyTask.Restore(first));
        worker.submit(batch(11, 20));
        worker.submit(new ApplyTask.Restore(store.latest().orElseThrow()));
        worker.submit(batch(21, 25));
        Thread thread = new Thread(worker, "apply-2");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.appliedIndex() == 25 || fatal.get() != null);
        } finally {
            worker.stop();
            thread.join(10_000);
        }
        assertThat(fatal.get()).isNull();
        assertThat(sm.count).isEqualTo(25);
        assertThat(sm.appliedIndexes).containsExactly(21L, 22L, 23L, 24L, 25L);
    }
}
