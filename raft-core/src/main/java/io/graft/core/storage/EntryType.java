package io.graft.core.storage;

import io.graft.core.internal.protocol.ClusterMembership;

/** What a log entry holds. The ordinal is part of the wire and disk format: append only. */
public enum EntryType {
    /** A user command, encoded by the command codec. */
    COMMAND,
    /** The empty entry a new leader appends to commit its predecessors' entries (Raft §5.4.2). */
    NOOP,
    /** A remote client's command with its session and sequence number ({@code client.SessionCommand}). */
    SESSION_COMMAND,
    /**
     * A new cluster membership ({@link ClusterMembership}'s encoding), in effect on each member as soon as it
     * is in its log (thesis §4.1).
     */
    CONFIGURATION;

    private static final EntryType[] VALUES = values();

    /** The type with {@code code}, or {@code null} if none. */
    public static EntryType ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
