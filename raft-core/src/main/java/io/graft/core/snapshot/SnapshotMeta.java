package io.graft.core.snapshot;

import io.graft.core.internal.protocol.ClusterMembership;
import java.util.List;

/**
 * What a snapshot replaces: the log up to and including {@code index}, whose entry had {@code term}, under
 * the membership {@code voters}.
 *
 * @param membership the whole membership in effect at {@code index} (addresses and learners too), or
 *                   {@code null} for a snapshot that does not record it (format version 1, or a lookup key)
 */
public record SnapshotMeta(long index, long term, List<Integer> voters, ClusterMembership membership) {
    public SnapshotMeta {
        voters = List.copyOf(voters);
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("a snapshot covers at least one entry: index " + index + " term " + term);
        }
    }

    /** A snapshot that records only its voters. */
    public SnapshotMeta(long index, long term, List<Integer> voters) {
        this(index, term, voters, null);
    }

    /** A snapshot under {@code membership}. */
    public SnapshotMeta(long index, long term, ClusterMembership membership) {
        this(index, term, membership.voterIds(), membership);
    }
}
