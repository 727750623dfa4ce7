package io.graft.metrics.micrometer;

import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the commands it applied; its snapshot is the count. */
final class CountingMachine implements StateMachine<String, Long> {
    private long count;

    @Override
    public synchronized Long apply(long index, String command) {
        return ++count;
    }

    @Override
    public synchronized SnapshotWriter snapshot() {
        long captured = count;
        return out -> new DataOutputStream(out).writeLong(captured);
    }

    @Override
    public synchronized void restore(InputStream in) throws IOException {
        count = new DataInputStream(in).readLong();
    }
}
