package io.graft.core.internal.runtime;

import io.graft.api.metrics.MetricsRecorder;
import io.graft.api.transport.Transport;
import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.LogStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The storage thread. It takes every task queued since its last sync, writes them in order, syncs once
 * (group commit: writes that arrive during an fsync share the next one), then releases the messages that
 * waited for those writes and reports the durable index back to the event loop.
 */
final class StorageWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageWorker.class);

    /** Reports durable progress to the event loop. */
    interface Listener {
        void persisted(long index, long term);

        void storageFailed(Throwable cause);
    }

    private final int memberId;
    private final LogStorage storage;
    private final Transport transport;
    private final Listener listener;
    private final LinkedBlockingQueue<PersistTask> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private final List<PersistTask> batch = new ArrayList<>();
    /** {@link #writeNow}'s one-task batch, reused: only the event loop calls it. */
    private final List<PersistTask> oneTask = new ArrayList<>(1);
    private final Consumer<Message> send;

    StorageWorker(int memberId, LogStorage storage, Transport transport, Listener listener) {
        this.memberId = memberId;
        this.storage = storage;
        this.transport = transport;
        this.listener = listener;
        this.send = m -> {
            try {
                transport.send(m);
            } catch (RuntimeException e) {
                LOG.warn("the transport failed to send {}: {}", m.getClass().getSimpleName(), e.toString());
            }
        };
    }

    void submit(PersistTask task) {
        queue.add(task);
    }

    private MetricsRecorder metrics = MetricsRecorder.NONE;

    void stop() {
        running = false;
    }

    /** Hands each group commit's duration and size to {@code recorder}; called once, before the thread starts. */
    void measure(MetricsRecorder recorder) {
        this.metrics = recorder;
    }

    @Override
    public void run() {
        MDC.put("node", Integer.toString(memberId));
        try {
            while (running) {
                PersistTask first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                writeBatch(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("storage failed; this node stops accepting writes", e);
            listener.storageFailed(e);
        }
    }

    /**
     * Does {@code task} on the calling thread (the event loop), for storage whose writes never block; see
     * {@link LogStorage#writesInline()}. Same order and guarantees as the storage thread.
     */
    void writeNow(PersistTask task) {
        oneTask.add(task);
        try {
            writeBatch(oneTask);
        } finally {
            oneTask.clear();
        }
    }

    private void writeBatch(List<PersistTask> batch) {
        boolean measured = metrics != MetricsRecorder.NONE;
        long started = measured ? System.nanoTime() : 0;
        int entries = 0;
        long bytes = 0;
        LogEntry last = null;
        boolean wrote = false;
        long compactTo = 0;
        for (int i = 0; i < batch.size(); i++) {
            PersistTask t = batch.get(i);
            if (t.resetLogTo() > 0) {
                storage.reset(t.resetLogTo());
                wrote = true;
            }
            compactTo = Math.max(compactTo, t.compactLogTo());
            if (t.hardState() != null) {
                storage.saveHardState(t.hardState());
                wrote = true;
            }
            if (!t.entries().isEmpty()) {
                storage.append(t.entries());
                last = t.entries().get(t.entries().size() - 1);
                if (measured) {
                    entries += t.entries().size();
                    for (int j = 0; j < t.entries().size(); j++) {
                        bytes += t.entries().get(j).payload().length;
                    }
                }
                wrote = true;
            }
        }
        if (wrote) {
            storage.sync();
            if (measured) {
                metrics.logSynced(System.nanoTime() - started, entries, bytes);
            }
        }
        if (compactTo > 0) {
            storage.compactPrefix(compactTo);
        }
        if (!running) {
            return; // Crashed or closed while writing: nothing more leaves this node.
        }
        for (int i = 0; i < batch.size(); i++) {
            List<Message> after = batch.get(i).messagesAfter();
            for (int j = 0; j < after.size(); j++) {
                send.accept(after.get(j));
            }
        }
        if (last != null) {
            listener.persisted(last.index(), last.term());
        }
    }
}
