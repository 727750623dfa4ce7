package io.graft.api;

import io.graft.api.config.Member;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cluster's members as one member sees them: the configuration in effect there, which is the latest
 * one in its log (Raft applies a configuration as soon as it is appended, thesis §4.1).
 *
 * @param index the log index of the configuration entry, or {@code 0} for the bootstrap configuration
 *              (the YAML's members, before any change)
 * @param voters the members that vote and count towards the majority
 * @param learners the members that receive the log but do not vote; those added by
 *                 {@link RaftNode#addMember} become voters once they have caught up
 */
public record Membership(long index, SortedMap<Integer, Member> voters, SortedMap<Integer, Member> learners) {

    public Membership {
        voters = Collections.unmodifiableSortedMap(new TreeMap<>(voters));
        learners = Collections.unmodifiableSortedMap(new TreeMap<>(learners));
    }

    /** Whether {@code memberId} votes. */
    public boolean isVoter(int memberId) {
        return voters.containsKey(memberId);
    }

    /** Whether {@code memberId} is a voter or a learner. */
    public boolean contains(int memberId) {
        return voters.containsKey(memberId) || learners.containsKey(memberId);
    }
}
