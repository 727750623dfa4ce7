package io.graft.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a point-in-time copy of a state machine's state, captured by {@link StateMachine#snapshot()}. Runs
 * on a background thread while the state machine keeps applying commands, so it must not read live state
 * that {@code apply} changes.
 */
@FunctionalInterface
public interface SnapshotWriter {

    /** Streams the captured state to {@code out}; Graft checksums, syncs and closes it. */
    void writeTo(OutputStream out) throws IOException;
}
