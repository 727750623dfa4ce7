package io.graft.core.storage.file;

import io.graft.api.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of a data directory: an OS lock on {@code graft.lock} against other processes, and a set of
 * held directories against a second open in this JVM. The set is checked first because POSIX drops all of a
 * process's locks on a file when any channel to it closes, so a failed second open in the same JVM must
 * not even open the lock file.
 */
final class DirectoryLock implements AutoCloseable {
    static final String NAME = "graft.lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (which must exist) or throws a {@link StorageException} saying who holds it. */
    static DirectoryLock acquire(Path dir) throws IOException {
        Path key = dir.toRealPath();
        if (!HELD.add(key)) {
            throw new StorageException("Data directory " + dir + " is already open in this JVM; close the other"
                    + " storage first, or give each member its own data directory");
        }
        Path file = key.resolve(NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StorageException("Data directory " + dir + " is locked by another process"
                        + holderDescription(file) + "; stop that process, or give this member its own data directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return new DirectoryLock(key, channel, lock);
        } catch (OverlappingFileLockException sameJvm) {
            closeQuietly(channel);
            HELD.remove(key);
            throw new StorageException("Data directory " + dir + " is already locked in this JVM; close the other"
                    + " storage first, or give each member its own data directory", sameJvm);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(key);
            throw e;
        }
    }

    private static String holderDescription(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return content.isEmpty() ? "" : " (" + content + ")";
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the original error matters more.
            }
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }
}
