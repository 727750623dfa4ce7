package io.graft.core.storage.file;

import java.io.IOException;
import java.nio.file.Path;

/** Called before each mutating file operation, so that tests can inject I/O errors at exact points. */
@FunctionalInterface
interface IoFaultHook {
    /** Does nothing. */
    IoFaultHook NONE = (operation, file) -> { };

    /**
     * @param operation one of {@code write}, {@code force}, {@code fsync-dir}, {@code create}, {@code delete},
     *     {@code truncate}, {@code hardstate}
     * @param file the file about to be touched
     */
    void before(String operation, Path file) throws IOException;
}
