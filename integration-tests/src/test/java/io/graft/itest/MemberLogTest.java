package io.graft.itest;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.SessionCommand;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberLogTest {

    private static LogEntry session(long index, long session, long sequence, KvCommand command) {
        byte[] payload = SessionCommand.encode(new ClientRequest(session, sequence, sequence - 1,
                KvBinaryCodec.commands().encode(command)), 1000 + index);
        return new LogEntry(index, 1, EntryType.SESSION_COMMAND, payload);
    }

    @Test
    void readsAMembersFileLogAndReplaysEachClientCommandOnce(@TempDir Path dir) {
        List<LogEntry> entries = List.of(
                LogEntry.noop(1, 1),
                session(2, 7, 1, KvCommand.put("k", "a")),
                session(3, 7, 2, KvCommand.compareAndSet("k", "a", "b")),
                // A retry of sequence 1 appended again after a leader change: applied once, so k stays "b".
                session(4, 7, 1, KvCommand.put("k", "a")),
                session(5, 9, 1, KvCommand.put("other", "x")));
        try (FileLogStorage storage = FileLogStorage.open(dir, FileLogOptions.of(ClusterYaml.CLUSTER_ID, 2))) {
            storage.load();
            storage.saveHardState(new io.graft.core.storage.HardState(1, 1)); // a member records its term first
            storage.append(entries);
            storage.sync();
        }

        MemberLog log = MemberLog.read(2, dir);

        assertThat(log.firstIndex()).isEqualTo(1);
        assertThat(log.lastIndex()).isEqualTo(5);
        assertThat(log.at(3)).contains(entries.get(2));
        assertThat(log.at(6)).isEmpty();
        assertThat(log.replay()).contains(Map.of("k", "b", "other", "x"));
    }
}
