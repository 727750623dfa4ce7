package io.graft.core.internal.runtime;

import io.graft.api.RaftException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader's reads awaiting confirmation, in batches: all the reads the event loop drained in one round
 * share one id, and so one confirmation. Owned by the event loop thread.
 */
final class PendingReads<R> {
    private final Map<Long, List<ReadRequest<R>>> batches = new HashMap<>();
    private long lastId;

    /** Registers a batch; returns its id for {@link io.graft.core.internal.raft.RaftCore#requestRead}. */
    long add(List<ReadRequest<R>> batch) {
        batches.put(++lastId, batch);
        return lastId;
    }

    /** Removes and returns the batch with {@code id} (empty if unknown). */
    List<ReadRequest<R>> take(long id) {
        List<ReadRequest<R>> batch = batches.remove(id);
        return batch == null ? List.of() : batch;
    }

    /** Fails every pending read, through {@code out}. */
    void failAll(RaftException cause, CompletionBatcher out) {
        List<List<ReadRequest<R>>> all = new ArrayList<>(batches.values());
        batches.clear();
        for (List<ReadRequest<R>> batch : all) {
            for (ReadRequest<R> r : batch) {
                out.fail(r.future(), cause);
            }
        }
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Reads waiting for their round of confirmation. */
    int size() {
        int n = 0;
        for (List<ReadRequest<R>> batch : batches.values()) {
            n += batch.size();
        }
        return n;
    }
}
