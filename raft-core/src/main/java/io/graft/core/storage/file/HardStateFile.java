package io.graft.core.storage.file;

import io.graft.core.storage.HardState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The {@code hardstate} file: magic, term, votedFor and a CRC32C over them (20 bytes, big-endian). Replaced
 * atomically: written to {@code hardstate.tmp}, forced, renamed over {@code hardstate}, directory forced. A
 * crash leaves either the old or the new file; a leftover temporary file is never read.
 */
final class HardStateFile {
    static final String NAME = "hardstate";
    static final String TEMP_NAME = "hardstate.tmp";
    private static final int MAGIC = 0x47524853; // "GRHS"
    private static final int SIZE = 20;

    private final Path dir;
    private final Path file;
    private final Path temp;

    HardStateFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(NAME);
        this.temp = dir.resolve(TEMP_NAME);
    }

    Path path() {
        return file;
    }

    /** Removes a temporary file left by a crash during {@link #write}. */
    void deleteLeftoverTemp() throws IOException {
        Files.deleteIfExists(temp);
    }

    /** The stored state, {@link HardState#INITIAL} if none was ever written. */
    HardState read() throws IOException {
        if (!Files.exists(file)) {
            return HardState.INITIAL;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != SIZE) {
            throw new CorruptLogException(file, 0, "hard state file has " + bytes.length + " bytes, expected " + SIZE);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.getInt(0) != MAGIC) {
            throw new CorruptLogException(file, 0, "not a Graft hard state file (bad magic number)");
        }
        if (checksum(bytes) != buf.getInt(16)) {
            throw new CorruptLogException(file, 16, "hard state checksum mismatch");
        }
        return new HardState(buf.getLong(4), buf.getInt(12));
    }

    /** Replaces the stored state atomically; durable on return when {@code fsync} is set. */
    void write(HardState state, boolean fsync) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        buf.putInt(MAGIC).putLong(state.term()).putInt(state.votedFor());
        buf.putInt(checksum(buf.array()));
        buf.flip();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(true);
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            DirectorySync.force(dir);
        }
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 16);
        return (int) crc.getValue();
    }
}
