package io.graft.core.config;

import io.graft.api.config.ClusterConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level keys a cluster file may contain, each with the code that reads it. Anything else is rejected
 * as a likely typo. To support a new key, add one line here (and the field to {@code ClusterConfig}).
 */
final class ConfigKeys {

    /** Key to reader, in the order the documentation lists them. */
    static final Map<String, KeyReader> READERS;

    static {
        Map<String, KeyReader> r = new LinkedHashMap<>();
        r.put("electionTimeout", (v, d) -> d.builder.electionTimeout(
                Duration.ofMillis(v.positiveInt("milliseconds"))));
        r.put("heartbeatInterval", (v, d) -> d.builder.heartbeatInterval(
                Duration.ofMillis(v.positiveInt("milliseconds"))));
        r.put("configuration", MembersReader::read);
        r.put("transport", (v, d) -> d.builder.transport(v.name()));
        r.put("codec", (v, d) -> d.builder.codec(v.name()));
        // Empty is allowed: embedding programs pass a state machine instance instead of a name.
        r.put("stateMachine", (v, d) -> d.builder.stateMachine(v.isNull() ? "" : v.text().trim()));
        r.put("dataDir", ConfigKeys::readDataDir);
        r.put("clusterId", (v, d) -> d.builder.clusterId(v.name()));
        r.put("fsync", (v, d) -> d.builder.fsync(readFlag(v)));
        r.put("snapshotEvery", (v, d) -> d.builder.snapshotEvery(v.positiveInt("entries")));
        r.put("snapshotLogRetention", (v, d) -> d.builder.snapshotLogRetention(v.nonNegativeInt("entries",
                "0 deletes all the log a snapshot covers; the default keeps "
                        + ClusterConfig.DEFAULT_SNAPSHOT_LOG_RETENTION)));
        r.put("maxPendingCommands", (v, d) -> d.builder.maxPendingCommands(v.positiveInt("commands")));
        // Cluster-wide: sessions expire by the leaders' timestamps in the log, so every member must agree.
        r.put("sessionTimeout", (v, d) -> d.builder.sessionTimeout(Duration.ofMillis(v.positiveInt("milliseconds"))));
        r.put("preVote", (v, d) -> d.builder.preVote(readFlag(v)));
        r.put("checkQuorum", (v, d) -> d.builder.checkQuorum(readFlag(v)));
        r.put("maxInflightAppends", (v, d) -> d.builder.maxInflightAppends(v.positiveInt("appends")));
        r.put("maxAppendEntries", (v, d) -> d.builder.maxAppendEntries(v.positiveInt("entries")));
        r.put("maxAppendBytes", (v, d) -> d.builder.maxAppendBytes(v.positiveInt("bytes")));
        r.put("snapshotChunkBytes", (v, d) -> d.builder.snapshotChunkBytes(v.positiveInt("bytes")));
        r.put("handOffLeadershipOnClose", (v, d) -> d.builder.handOffLeadershipOnClose(
                Duration.ofMillis(v.nonNegativeInt("milliseconds", "0 closes a leader without handing over"))));
        r.put("transportOptions", (v, d) -> d.builder.transportOptions(OptionsReader.read(v)));
        r.put("codecOptions", (v, d) -> d.builder.codecOptions(OptionsReader.read(v)));
        r.put("stateMachineOptions", (v, d) -> d.builder.stateMachineOptions(OptionsReader.read(v)));
        READERS = Collections.unmodifiableMap(r);
    }

    private ConfigKeys() {
    }

    private static boolean readFlag(YamlValue v) {
        String text = v.isNull() ? "" : v.text().trim().toLowerCase(java.util.Locale.ROOT);
        switch (text) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                throw v.error("expected true or false, got '" + text + "'");
        }
    }

    /** An empty {@code dataDir} means a memory-only log, as if the key were absent. */
    private static void readDataDir(YamlValue v, ConfigDraft d) {
        String text = v.isNull() ? "" : v.text().trim();
        if (text.isEmpty()) {
            d.builder.dataDir(null);
            return;
        }
        try {
            d.builder.dataDir(Path.of(text));
        } catch (InvalidPathException e) {
            throw v.error("'" + text + "' is not a valid path: " + e.getReason());
        }
    }
}
