package io.graft.transport.inmemory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which links are up: an immutable snapshot, replaced whole on every change so that {@link #canReach} (run
 * for every message) needs no lock.
 *
 * @param isolated members cut off from everyone
 * @param groupOf when a partition is in force, each grouped member's group number; empty when there is none
 * @param partitioned whether a partition is in force (members in no group are then unreachable)
 * @param cuts one-way cut links, each encoded by {@link #link}
 */
record Topology(Set<Integer> isolated, Map<Integer, Integer> groupOf, boolean partitioned, Set<Long> cuts) {

    /** Every link up. */
    static final Topology FULLY_CONNECTED = new Topology(Set.of(), Map.of(), false, Set.of());

    Topology {
        isolated = Set.copyOf(isolated);
        groupOf = Map.copyOf(groupOf);
        cuts = Set.copyOf(cuts);
    }

    /** Whether a message from {@code from} can reach {@code to}. A member always reaches itself. */
    boolean canReach(int from, int to) {
        if (from == to) {
            return true;
        }
        if (isolated.contains(from) || isolated.contains(to)) {
            return false;
        }
        if (partitioned) {
            Integer a = groupOf.get(from);
            if (a == null || !a.equals(groupOf.get(to))) {
                return false;
            }
        }
        // Checked for emptiness first: the lookup boxes the link key, once per message.
        return cuts.isEmpty() || !cuts.contains(link(from, to));
    }

    Topology isolate(int id) {
        Set<Integer> s = new HashSet<>(isolated);
        s.add(id);
        return new Topology(s, groupOf, partitioned, cuts);
    }

    /** Undoes {@link #isolate} and every one-way cut to or from {@code id}; the partition stays. */
    Topology reconnect(int id) {
        Set<Integer> s = new HashSet<>(isolated);
        s.remove(id);
        Set<Long> c = new HashSet<>(cuts);
        c.removeIf(l -> (int) (l >>> 32) == id || (int) (long) l == id);
        return new Topology(s, groupOf, partitioned, c);
    }

    /** Replaces any partition by {@code groups}, which must not share members. */
    Topology partition(List<Set<Integer>> groups) {
        Map<Integer, Integer> g = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            for (Integer id : groups.get(i)) {
                Integer previous = g.put(id, i);
                if (previous != null) {
                    throw new IllegalArgumentException("member " + id + " is in two partition groups, "
                            + groups.get(previous) + " and " + groups.get(i) + "; each member may be in one group");
                }
            }
        }
        return new Topology(isolated, g, true, cuts);
    }

    Topology cut(int from, int to) {
        Set<Long> c = new HashSet<>(cuts);
        c.add(link(from, to));
        return new Topology(isolated, groupOf, partitioned, c);
    }

    Topology uncut(int from, int to) {
        Set<Long> c = new HashSet<>(cuts);
        c.remove(link(from, to));
        return new Topology(isolated, groupOf, partitioned, c);
    }

    /** The directed link {@code from -> to} as one long key. */
    static long link(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFF_FFFFL);
    }
}
