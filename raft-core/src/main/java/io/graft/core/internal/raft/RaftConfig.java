package io.graft.core.internal.raft;

import java.util.Arrays;

/**
 * The settings of one member's Raft core. Times are in the core's logical milliseconds.
 *
 * @param self this member's id
 * @param voters the bootstrap voters' ids, including {@code self}: the membership before any configuration
 *               entry when the core is not given one (the membership in effect comes from the log)
 * @param electionTimeout minimum election timeout; the actual one is random in {@code [t, 2t)}
 * @param heartbeatInterval how often a leader sends heartbeats
 * @param maxEntriesPerMessage most entries in one AppendEntries
 * @param maxBytesPerMessage most payload bytes in one AppendEntries (one entry is always allowed)
 * @param maxInflight most unacknowledged AppendEntries per follower (pipelining depth)
 * @param preVote whether to run a pre-vote before raising the term (thesis §9.6)
 * @param checkQuorum whether a leader steps down without a live majority, and followers ignore votes while
 *                    they hear from a leader (thesis §6.2 and §4.2.3)
 */
public record RaftConfig(int self, int[] voters, long electionTimeout, long heartbeatInterval,
                         int maxEntriesPerMessage, long maxBytesPerMessage, int maxInflight, boolean preVote,
                         boolean checkQuorum) {

    public RaftConfig {
        voters = voters.clone();
        Arrays.sort(voters);
        if (Arrays.binarySearch(voters, self) < 0) {
            throw new IllegalArgumentException("member " + self + " is not among the voters " + Arrays.toString(voters));
        }
        if (electionTimeout <= 0 || heartbeatInterval <= 0 || heartbeatInterval >= electionTimeout) {
            throw new IllegalArgumentException("need 0 < heartbeatInterval < electionTimeout");
        }
        if (maxEntriesPerMessage <= 0 || maxBytesPerMessage <= 0 || maxInflight <= 0) {
            throw new IllegalArgumentException("message and pipelining bounds must be positive");
        }
    }

    /** Sensible defaults for the given membership and timing. */
    public static RaftConfig of(int self, int[] voters, long electionTimeout, long heartbeatInterval) {
        return new RaftConfig(self, voters, electionTimeout, heartbeatInterval, 4096, 1 << 20, 64, true, true);
    }

    @Override
    public int[] voters() {
        return voters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RaftConfig c && c.self == self && Arrays.equals(c.voters, voters)
                && c.electionTimeout == electionTimeout && c.heartbeatInterval == heartbeatInterval
                && c.maxEntriesPerMessage == maxEntriesPerMessage && c.maxBytesPerMessage == maxBytesPerMessage
                && c.maxInflight == maxInflight && c.preVote == preVote && c.checkQuorum == checkQuorum;
    }

    @Override
    public int hashCode() {
        return self * 31 + Arrays.hashCode(voters);
    }

    @Override
    public String toString() {
        return "RaftConfig[self=" + self + ", voters=" + Arrays.toString(voters) + ", electionTimeout="
                + electionTimeout + ", heartbeat=" + heartbeatInterval + ", preVote=" + preVote
                + ", checkQuorum=" + checkQuorum + "]";
    }
}
