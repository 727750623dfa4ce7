package io.graft.core.storage.file;

import java.util.Objects;

/**
 * How a {@link FileLogStorage} behaves.
 *
 * @param clusterId names the cluster; a data directory written for another cluster is refused
 * @param memberId the member owning the directory; a directory written by another member is refused
 * @param segmentSizeBytes the size at which a new segment file is started (a single larger record still
 *     fits: it gets a segment of its own)
 * @param fsync whether {@link FileLogStorage#sync()} forces data to the device. {@code false} is
 *     <b>unsafe</b>: acknowledged writes may be lost on power failure or OS crash, and the log may then even
 *     fail to load. Only for tests and throw-away clusters.
 */
public record FileLogOptions(String clusterId, int memberId, long segmentSizeBytes, boolean fsync) {

    /** The default segment size, 64 MiB. */
    public static final long DEFAULT_SEGMENT_SIZE_BYTES = 64L << 20;

    /** The largest allowed segment size, 1 GiB (record offsets inside a segment are kept as ints). */
    public static final long MAX_SEGMENT_SIZE_BYTES = 1L << 30;

    public FileLogOptions {
        Objects.requireNonNull(clusterId, "clusterId");
        if (clusterId.isBlank() || clusterId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("clusterId must be non-blank text on one line: '" + clusterId + "'");
        }
        if (memberId <= 0) {
            throw new IllegalArgumentException("memberId must be positive: " + memberId);
        }
        if (segmentSizeBytes <= 0 || segmentSizeBytes > MAX_SEGMENT_SIZE_BYTES) {
            throw new IllegalArgumentException("segmentSizeBytes must be in 1.." + MAX_SEGMENT_SIZE_BYTES + ": "
                    + segmentSizeBytes);
        }
    }

    /** Options for member {@code memberId} of cluster {@code clusterId}: 64 MiB segments, fsync on. */
    public static FileLogOptions of(String clusterId, int memberId) {
        return new FileLogOptions(clusterId, memberId, DEFAULT_SEGMENT_SIZE_BYTES, true);
    }

    /** A copy with another segment size. */
    public FileLogOptions withSegmentSizeBytes(long bytes) {
        return new FileLogOptions(clusterId, memberId, bytes, fsync);
    }

    /** A copy with fsync on or off (off is unsafe, see {@link #fsync()}). */
    public FileLogOptions withFsync(boolean enabled) {
        return new FileLogOptions(clusterId, memberId, segmentSizeBytes, enabled);
    }
}
