package io.graft.core.internal.raft;

import io.graft.core.internal.protocol.ClusterMembership;
import java.util.List;

/**
 * A membership's voter ids and quorum, and whether anyone waits to become a voter, worked out once per
 * membership rather than on every acknowledgement (a {@link ClusterMembership} recomputes them from its map
 * on each call).
 */
final class Voters {
    private final ClusterMembership source;
    private final int[] ids;
    private final int quorum;
    private final boolean anyJoining;

    private Voters(ClusterMembership source) {
        this.source = source;
        List<Integer> voterIds = source.voterIds();
        this.ids = new int[voterIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = voterIds.get(i);
        }
        this.quorum = source.quorum();
        this.anyJoining = source.seats().values().stream().anyMatch(s -> s.kind() == ClusterMembership.Kind.JOINING);
    }

    /** The voters of {@code m}: {@code cached} if it was made from that very membership, else new ones. */
    static Voters of(ClusterMembership m, Voters cached) {
        return cached != null && cached.source == m ? cached : new Voters(m);
    }

    /** The voters' ids, ascending. Must not be modified. */
    int[] ids() {
        return ids;
    }

    int count() {
        return ids.length;
    }

    /** How many voters make a majority. */
    int quorum() {
        return quorum;
    }

    /** Whether a learner waits to be promoted to voter once it has caught up. */
    boolean anyJoining() {
        return anyJoining;
    }
}
