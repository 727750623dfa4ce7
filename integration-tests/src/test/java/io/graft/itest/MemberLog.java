package io.graft.itest;

import io.graft.core.internal.client.SessionCommand;
import io.graft.core.internal.client.SessionTable;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One member's log as it is on disk, read with Graft's own file log from a copy of the member's data directory.
 *
 * @param memberId whose log it is
 * @param entries the stored entries, consecutive
 */
record MemberLog(int memberId, List<LogEntry> entries) {
    /** As long as the members' own session timeout: sessions never expire within a test run. */
    private static final long SESSION_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(10);

    /** Reads the log in {@code dataDir}, a copy of member {@code memberId}'s data directory. */
    static MemberLog read(int memberId, Path dataDir) {
        try (FileLogStorage storage = FileLogStorage.open(dataDir,
                FileLogOptions.of(ClusterYaml.CLUSTER_ID, memberId).withFsync(false))) {
            StoredState state = storage.load();
            return new MemberLog(memberId, List.copyOf(state.entries()));
        }
    }

    long firstIndex() {
        return entries.isEmpty() ? 0 : entries.get(0).index();
    }

    long lastIndex() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).index();
    }

    /** The entry at {@code index}, if stored. */
    Optional<LogEntry> at(long index) {
        long first = firstIndex();
        if (entries.isEmpty() || index < first || index > lastIndex()) {
            return Optional.empty();
        }
        return Optional.of(entries.get((int) (index - first)));
    }

    /**
     * The map this log leads to, applying each client command once per session and sequence number as the
     * members do; empty if the log no longer starts at index 1 (a snapshot replaced its beginning).
     */
    Optional<Map<String, String>> replay() {
        if (!entries.isEmpty() && firstIndex() != 1) {
            return Optional.empty();
        }
        KvStore store = new KvStore();
        SessionTable sessions = new SessionTable(SESSION_TIMEOUT_MILLIS);
        for (LogEntry e : entries) {
            if (e.type() == EntryType.COMMAND) {
                store.apply(e.index(), KvBinaryCodec.commands().decode(e.payload()));
            } else if (e.type() == EntryType.SESSION_COMMAND) {
                SessionCommand c = SessionCommand.decode(e.payload());
                if (sessions.admit(c) instanceof SessionTable.Apply) {
                    store.apply(e.index(), KvBinaryCodec.commands().decode(c.command()));
                    sessions.record(c, new byte[0]);
                }
            }
        }
        return Optional.of(store.snapshotOfData());
    }
}
