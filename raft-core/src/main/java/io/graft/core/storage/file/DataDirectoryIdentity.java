package io.graft.core.storage.file;

import io.graft.api.StorageException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The {@code meta} file: which cluster and member a data directory belongs to, and its format version.
 * Written atomically on first open, checked on every later open, so that a member never starts on another
 * member's log and votes.
 *
 * @param formatVersion the on-disk format version
 * @param clusterId the cluster's id
 * @param memberId the member's id
 */
record DataDirectoryIdentity(int formatVersion, String clusterId, int memberId) {
    static final String NAME = "meta";
    static final String TEMP_NAME = "meta.tmp";
    static final int FORMAT_VERSION = 1;

    /**
     * Checks that {@code dir} belongs to the member in {@code options}, or claims it if it is new. A
     * directory with log data but no meta file is refused: it was not written by Graft, or was damaged.
     */
    static void verifyOrClaim(Path dir, FileLogOptions options, boolean hasLogData) throws IOException {
        DataDirectoryIdentity expected = new DataDirectoryIdentity(FORMAT_VERSION, options.clusterId(),
                options.memberId());
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            if (hasLogData) {
                throw new StorageException("Data directory " + dir + " holds a log, hard state or snapshots but no '"
                        + NAME + "' file (which names the cluster and member the directory belongs to), so it was"
                        + " not written by Graft or is damaged; refusing to use it. Restore the directory from a"
                        + " backup, or empty it to rebuild this member from the rest of the cluster (see"
                        + " docs/operations.md, 'Rebuilding a member')");
            }
            expected.write(dir, options.fsync());
            return;
        }
        DataDirectoryIdentity found = read(file);
        if (found.formatVersion != FORMAT_VERSION) {
            throw new StorageException("Data directory " + dir + " uses storage format " + found.formatVersion
                    + ", this version of Graft reads format " + FORMAT_VERSION);
        }
        if (!found.clusterId.equals(expected.clusterId) || found.memberId != expected.memberId) {
            throw new StorageException("Data directory " + dir + " belongs to member " + found.memberId
                    + " of cluster '" + found.clusterId + "', but this node is member " + expected.memberId
                    + " of cluster '" + expected.clusterId + "'. Point each member at its own data directory."
                    + " To reuse this directory for this member, empty it first: that discards what it holds, and"
                    + " the member then votes only once a leader has caught it up (see docs/operations.md,"
                    + " 'Rebuilding a member')");
        }
    }

    private static DataDirectoryIdentity read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(reader);
        }
        try {
            return new DataDirectoryIdentity(Integer.parseInt(p.getProperty("format", "")),
                    require(p, "cluster-id", file), Integer.parseInt(p.getProperty("member-id", "")));
        } catch (NumberFormatException e) {
            throw DamagedMetaFile.error(file, "its format or member-id line is missing or not a number", e);
        }
    }

    private static String require(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw DamagedMetaFile.error(file, "it has no " + key + " line", null);
        }
        return value;
    }

    private void write(Path dir, boolean fsync) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(formatVersion));
        p.setProperty("cluster-id", clusterId);
        p.setProperty("member-id", Integer.toString(memberId));
        Path temp = dir.resolve(TEMP_NAME);
        try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "Graft data directory identity; do not edit");
        }
        if (fsync) {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        Files.move(temp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            DirectorySync.force(dir);
        }
    }
}
