package io.graft.core.storage;

import io.graft.core.internal.protocol.ClusterMembership;

/**
 * What a log entry holds. Each type has a fixed {@link #code()}, the byte that stands for it in the log files and
 * in messages between members: a new type takes a new code, and no code ever changes or is reused.
 */
public enum EntryType {
    /** A user command, encoded by the command codec. */
    COMMAND(0),
    /** The empty entry a new leader appends to commit its predecessors' entries (Raft §5.4.2). */
    NOOP(1),
    /** A remote client's command with its session and sequence number ({@code client.SessionCommand}). */
    SESSION_COMMAND(2),
    /**
     * A new cluster membership ({@link ClusterMembership}'s encoding), in effect on each member as soon as it
     * is in its log (thesis §4.1).
     */
    CONFIGURATION(3);

    private final int code;

    EntryType(int code) {
        this.code = code;
    }

    /** The byte that stands for this type on disk and on the wire. */
    public int code() {
        return code;
    }

    /** Whether {@code code} stands for a type. */
    public static boolean isCode(int code) {
        return lookup(code) != null;
    }

    /**
     * The type {@code code} stands for.
     *
     * @throws IllegalArgumentException if it stands for none (written by a newer version, or damaged)
     */
    public static EntryType fromCode(int code) {
        EntryType type = lookup(code);
        if (type == null) {
            throw new IllegalArgumentException("unknown log entry type code " + code + " (known: 0 to 3)");
        }
        return type;
    }

    private static EntryType lookup(int code) {
        switch (code) {
            case 0:
                return COMMAND;
            case 1:
                return NOOP;
            case 2:
                return SESSION_COMMAND;
            case 3:
                return CONFIGURATION;
            default:
                return null;
        }
    }
}
