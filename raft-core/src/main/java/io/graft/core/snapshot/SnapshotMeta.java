package io.graft.core.snapshot;

import java.util.List;

/**
 * What a snapshot replaces: the log up to and including {@code index}, whose entry had {@code term}, under
 * the membership {@code voters}.
 */
public record SnapshotMeta(long index, long term, List<Integer> voters) {
    public SnapshotMeta {
        voters = List.copyOf(voters);
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("a snapshot covers at least one entry: index " + index + " term " + term);
        }
    }
}
