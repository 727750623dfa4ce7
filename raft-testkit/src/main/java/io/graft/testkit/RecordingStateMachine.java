package io.graft.testkit;

import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a user's state machine and records every command it applies, with its index, so that the test kit
 * can check that all members applied the same command at each index. Snapshots pass through to the user's
 * state machine; after a restore, recording continues from the snapshot's position.
 */
final class RecordingStateMachine<C, R> implements StateMachine<C, R> {
    private final StateMachine<C, R> delegate;
    private final List<Applied<C>> applied = new ArrayList<>();

    RecordingStateMachine(StateMachine<C, R> delegate) {
        this.delegate = delegate;
    }

    @Override
    public R apply(long index, C command) {
        synchronized (this) {
            applied.add(new Applied<>(index, command));
        }
        return delegate.apply(index, command);
    }

    @Override
    public SnapshotWriter snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void restore(InputStream in) throws IOException {
        delegate.restore(in);
    }

    @Override
    public R query(C query) {
        return delegate.query(query);
    }

    StateMachine<C, R> delegate() {
        return delegate;
    }

    synchronized List<Applied<C>> applied() {
        return List.copyOf(applied);
    }

    synchronized int count() {
        return applied.size();
    }
}
