package io.graft.core.snapshot;

import io.graft.api.StorageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots as files {@code snapshot-<index>-<term>.snap} in one directory. A snapshot is written to a
 * {@code .partial} file, checked, forced to disk, renamed into place and the directory forced, so a crash
 * leaves either the whole new snapshot or none. The newest {@value #KEEP} are kept.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);
    static final int KEEP = 2;
    private final Path dir;
    private final boolean fsync;

    public FileSnapshotStore(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> partials = Files.list(dir)) {
                for (Path p : (Iterable<Path>) partials.filter(p -> p.toString().endsWith(".partial"))::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot use snapshot directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(SnapshotMeta meta) {
        return dir.resolve(String.format("snapshot-%020d-%020d.snap", meta.index(), meta.term()));
    }

    private List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = new ArrayList<>();
            files.filter(p -> p.getFileName().toString().matches("snapshot-\\d{20}-\\d{20}\\.snap")).forEach(list::add);
            list.sort(Comparator.comparing(Path::toString).reversed());
            return list;
        }
    }

    @Override
    public Optional<SnapshotMeta> latest() {
        try {
            for (Path p : snapshotFiles()) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
                    return Optional.of(SnapshotFormat.verify(in, Files.size(p)));
                } catch (IOException e) {
                    LOG.warn("ignoring damaged snapshot {}: {}", p, e.getMessage());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long size(SnapshotMeta meta) throws IOException {
        return Files.size(file(meta));
    }

    @Override
    public InputStream open(SnapshotMeta meta) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file(meta)), 1 << 16);
    }

    @Override
    public Writer create(SnapshotMeta meta) throws IOException {
        Path target = file(meta);
        Path partial = dir.resolve(target.getFileName() + "." + System.nanoTime() + ".partial");
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream stream = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        return new Writer() {
            private boolean done;
            private long written;
            private final OutputStream counting = new java.io.FilterOutputStream(stream) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    stream.write(b, off, len);
                    written += len;
                }

                @Override
                public void write(int b) throws IOException {
                    stream.write(b);
                    written++;
                }
            };

            @Override
            public OutputStream stream() {
                return counting;
            }

            @Override
            public long written() {
                return written;
            }

            @Override
            public SnapshotMeta commit() throws IOException {
                stream.flush();
                if (fsync) {
                    channel.force(true);
                }
                channel.close();
                SnapshotMeta checked;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(partial), 1 << 16)) {
                    checked = SnapshotFormat.verify(in, Files.size(partial));
                }
                Files.move(partial, file(checked), StandardCopyOption.ATOMIC_MOVE);
                if (fsync) {
                    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                        d.force(true);
                    } catch (IOException ignored) {
                        // Some platforms cannot open a directory for syncing.
                    }
                }
                done = true;
                prune();
                return checked;
            }

            @Override
            public void close() {
                if (!done) {
                    try {
                        channel.close();
                        Files.deleteIfExists(partial);
                    } catch (IOException e) {
                        LOG.warn("cannot delete partial snapshot {}: {}", partial, e.getMessage());
                    }
                }
            }
        };
    }

    private void prune() throws IOException {
        List<Path> files = snapshotFiles();
        for (int i = KEEP; i < files.size(); i++) {
            Files.deleteIfExists(files.get(i));
        }
    }
}
