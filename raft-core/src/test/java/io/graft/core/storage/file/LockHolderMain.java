package io.graft.core.storage.file;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link DataDirectoryTest}: opens a data directory, prints {@code LOCKED}, and holds
 * it until its standard input closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        try (FileLogStorage storage = FileLogStorage.open(Path.of(args[0]), LogFixtures.options(1 << 20))) {
            storage.load();
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
