package io.graft.api;

/** The role a member plays in its current term. */
public enum Role {
    /** Accepts entries from a leader and votes in elections. */
    FOLLOWER,
    /** Asks for pre-votes before starting a real election, without raising its term. */
    PRE_CANDIDATE,
    /** Asks for votes in a new term. */
    CANDIDATE,
    /** Accepts commands and replicates them. */
    LEADER
}
