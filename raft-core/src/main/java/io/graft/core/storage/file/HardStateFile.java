package io.graft.core.storage.file;

import io.graft.api.CorruptLogException;
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
 * The {@code hardstate} file: magic, term, votedFor, flags and a CRC32C over them (24 bytes, big-endian; flag
 * bit 0: catching up, see {@link HardState#catchingUp()}). The older 20-byte form without flags is still
 * read, as a member that is not catching up. Replaced atomically: written to {@code hardstate.tmp}, forced,
 * renamed over {@code hardstate}, directory forced. A crash leaves either the old or the new file; a leftover
 * temporary file is never read.
 */
final class HardStateFile {
    static final String NAME = "hardstate";
    static final String TEMP_NAME = "hardstate.tmp";
    private static final int MAGIC_V1 = 0x47524853; // "GRHS"
    private static final int SIZE_V1 = 20;
    private static final int MAGIC = 0x47524832; // "GRH2"
    private static final int SIZE = 24;
    private static final int FLAG_CATCHING_UP = 1;

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

    boolean exists() {
        return Files.exists(file);
    }

    /** Removes a temporary file left by a crash during {@link #write}. */
    void deleteLeftoverTemp() throws IOException {
        Files.deleteIfExists(temp);
    }

    /** The stored state, {@link HardState#BLANK} if none was ever written. */
    HardState read() throws IOException {
        if (!Files.exists(file)) {
            return HardState.BLANK;
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = bytes.length >= 4 ? buf.getInt(0) : 0;
        int size = magic == MAGIC_V1 ? SIZE_V1 : SIZE;
        if (magic != MAGIC && magic != MAGIC_V1) {
            throw new CorruptLogException(file, 0, "not a Graft hard state file (bad magic number)");
        }
        if (bytes.length != size) {
            throw new CorruptLogException(file, 0, "hard state file has " + bytes.length + " bytes, expected " + size);
        }
        if (checksum(bytes, size - 4) != buf.getInt(size - 4)) {
            throw new CorruptLogException(file, size - 4, "hard state checksum mismatch");
        }
        boolean catchingUp = magic == MAGIC && (buf.getInt(16) & FLAG_CATCHING_UP) != 0;
        return new HardState(buf.getLong(4), buf.getInt(12), catchingUp);
    }

    /** Replaces the stored state atomically; durable on return when {@code fsync} is set. */
    void write(HardState state, boolean fsync) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        buf.putInt(MAGIC).putLong(state.term()).putInt(state.votedFor())
                .putInt(state.catchingUp() ? FLAG_CATCHING_UP : 0);
        buf.putInt(checksum(buf.array(), SIZE - 4));
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

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
