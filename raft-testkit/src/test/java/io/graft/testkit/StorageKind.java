package io.graft.testkit;

import io.graft.core.storage.file.FileLogOptions;
import java.nio.file.Path;

/** Where a test cluster's members keep their logs; crash tests run against each. */
enum StorageKind {
    /** The default: a memory log per member, kept across its crashes. */
    MEMORY {
        @Override
        <C, R> TestCluster.Builder<C, R> configure(TestCluster.Builder<C, R> builder, Path root) {
            return builder;
        }
    },
    /**
     * The production file log in {@code root/member-<id>}, re-opened from disk at every restart. Small
     * segments, so that logs span several files; fsync on, as in production.
     */
    FILE {
        @Override
        <C, R> TestCluster.Builder<C, R> configure(TestCluster.Builder<C, R> builder, Path root) {
            return builder.fileStorage(root, id -> FileLogOptions.of(TestCluster.FILE_CLUSTER_ID, id)
                    .withSegmentSizeBytes(SMALL_SEGMENT_BYTES));
        }
    };

    /** About 30 small entries per segment: every test crosses segment boundaries. */
    static final long SMALL_SEGMENT_BYTES = 1024;

    /** Makes {@code builder} use this kind of storage, with files (if any) under {@code root}. */
    abstract <C, R> TestCluster.Builder<C, R> configure(TestCluster.Builder<C, R> builder, Path root);
}
