package io.graft.core.internal.runtime;

import io.graft.api.SnapshotWriter;
import io.graft.api.transport.Transport;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.snapshot.SnapshotFormat;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The snapshot thread: writes snapshots the state machine captured, reads chunks of them to send to
 * followers, and stores chunks received from a leader. Its slow disk work never runs on the event loop or
 * the apply thread. Memory stays bounded: one chunk at a time in each direction.
 */
final class SnapshotWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWorker.class);

    /** What the worker reports to the event loop. */
    interface Listener {
        /** A snapshot taken here is durable: {@code bytes} long, written in {@code nanos}. */
        void snapshotTaken(SnapshotMeta meta, long bytes, long nanos);

        /** A snapshot received from {@code leader} is complete, checked and durable; {@code bytes} long. */
        void snapshotReceived(SnapshotMeta meta, int leader, long bytes);
    }

    private final int memberId;
    /** The size of one snapshot chunk on the wire. */
    private final int chunkBytes;
    private final SnapshotStore store;
    private final Transport transport;
    private final Listener listener;
    private final Consumer<Throwable> onFatal;
    private final ExecutorService executor;

    // Receiving state, touched only on the worker thread.
    private SnapshotStore.Writer receiving;
    private long receivingIndex;
    private long receivingTerm;

    /**
     * @param onFatal told of anything a task did not handle (an {@link Error}, say): the member must stop, since
     *                this thread's work would otherwise silently stop being done
     */
    SnapshotWorker(int memberId, SnapshotStore store, Transport transport, Listener listener,
                   Consumer<Throwable> onFatal, int chunkBytes) {
        this.memberId = memberId;
        this.chunkBytes = chunkBytes;
        this.store = store;
        this.transport = transport;
        this.listener = listener;
        this.onFatal = onFatal;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                MDC.put("node", Integer.toString(memberId));
                r.run();
            }, "graft-snapshot-" + memberId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes a snapshot the state machine captured; {@code onDone} runs (on this thread) either way. */
    void take(SnapshotMeta meta, SnapshotWriter writer, Runnable onDone) {
        submit(() -> {
            long started = System.nanoTime();
            try (SnapshotStore.Writer w = store.create(meta)) {
                OutputStream out = SnapshotFormat.writer(meta, w.stream());
                writer.writeTo(out);
                out.close();
                w.commit();
                LOG.info("snapshot at index {} written ({} bytes)", meta.index(), w.written());
                listener.snapshotTaken(meta, w.written(), System.nanoTime() - started);
            } catch (IOException | RuntimeException e) {
                LOG.error("taking a snapshot at index {} failed; the log is kept", meta.index(), e);
            } finally {
                onDone.run();
            }
        });
    }

    /** Reads the chunk at {@code offset} of the snapshot and sends it to {@code peer}. */
    void sendChunk(int peer, long term, long index, long snapshotTerm, long offset) {
        submit(() -> {
            SnapshotMeta meta = new SnapshotMeta(index, snapshotTerm, List.of());
            try (InputStream in = store.open(meta)) {
                long size = store.size(meta);
                in.skipNBytes(offset);
                int length = (int) Math.min(chunkBytes, size - offset);
                byte[] data = in.readNBytes(length);
                transport.send(new InstallSnapshot(memberId, peer, term, index, snapshotTerm, size, offset, data,
                        offset + length >= size));
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read snapshot {} for member {}: {}", index, peer, e.getMessage());
            }
        });
    }

    /** Stores a chunk from the leader and answers with the next offset wanted. */
    void receiveChunk(InstallSnapshot c) {
        submit(() -> {
            try {
                if (receiving == null || receivingIndex != c.index() || receivingTerm != c.snapshotTerm()) {
                    if (receiving != null) {
                        receiving.close();
                        receiving = null;
                    }
                    if (c.offset() != 0) {
                        ack(c, 0, false); // Start over: we hold nothing of this snapshot.
                        return;
                    }
                    receiving = store.create(new SnapshotMeta(c.index(), c.snapshotTerm(), List.of()));
                    receivingIndex = c.index();
                    receivingTerm = c.snapshotTerm();
                }
                if (c.offset() != receiving.written()) {
                    ack(c, receiving.written(), false); // A duplicate or a gap: say where we are.
                    return;
                }
                receiving.stream().write(c.data());
                if (!c.done()) {
                    ack(c, receiving.written(), false);
                    return;
                }
                long bytes = receiving.written();
                SnapshotMeta meta = receiving.commit();
                receiving = null;
                LOG.info("received snapshot at index {} from member {}", meta.index(), c.from());
                listener.snapshotReceived(meta, c.from(), bytes);
            } catch (IOException | RuntimeException e) {
                LOG.warn("discarding a snapshot from member {}: {}", c.from(), e.getMessage());
                if (receiving != null) {
                    receiving.close();
                    receiving = null;
                }
                ack(c, 0, false);
            }
        });
    }

    private void ack(InstallSnapshot c, long next, boolean installed) {
        transport.send(new InstallSnapshotResponse(memberId, c.from(), c.term(), c.index(), next, installed));
    }

    private void submit(Runnable r) {
        try {
            executor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("the snapshot thread failed; the node stops", e);
                    onFatal.accept(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: the work no longer matters.
        }
    }

    void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (receiving != null) {
            receiving.close();
        }
    }
}
