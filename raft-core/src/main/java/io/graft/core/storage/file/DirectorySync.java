package io.graft.core.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes a directory's entries (created, renamed, deleted files) durable. */
final class DirectorySync {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);
    private static volatile boolean unsupportedLogged;

    private DirectorySync() {
    }

    /**
     * Forces {@code dir}. Some platforms (Windows) refuse to open a directory as a channel; there the file
     * system orders metadata itself and the refusal is ignored. A failing force on an opened directory is a
     * real I/O error and is thrown.
     */
    static void force(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException refused) {
            if (!unsupportedLogged) {
                unsupportedLogged = true;
                LOG.debug("This platform cannot open directory {} for fsync; relying on the file system", dir, refused);
            }
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
