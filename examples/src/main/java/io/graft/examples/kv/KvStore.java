package io.graft.examples.kv;

import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A replicated string-to-string map: the classic first Raft application.
 *
 * <p>{@link #apply} is deterministic: it depends only on the commands applied so far. The local accessors
 * ({@link #get}, {@link #size}, {@link #snapshotOfData}) may be called from any thread while Graft applies
 * commands; they read this member's copy, which may lag the leader. When a read must observe every committed
 * write, use a linearizable read ({@code read(KvCommand.get(key))} on the leader's node handle or on a remote
 * client, answered by {@link #query}) or submit a {@link KvCommand#get} through the log. One lock guards the map so that a snapshot never
 * mixes the effects of different commands.
 */
public final class KvStore implements StateMachine<KvCommand, KvResult> {

    private final Object lock = new Object();
    private final Map<String, String> data = new HashMap<>();
    private long lastAppliedIndex;

    @Override
    public KvResult apply(long index, KvCommand command) {
        Objects.requireNonNull(command, "command must not be null");
        synchronized (lock) {
            KvResult result = applyLocked(command);
            lastAppliedIndex = index;
            return result;
        }
    }

    private KvResult applyLocked(KvCommand command) {
        if (command instanceof KvCommand.Put put) {
            return new KvResult(true, data.put(put.key(), put.value()));
        }
        if (command instanceof KvCommand.Get get) {
            return new KvResult(false, data.get(get.key()));
        }
        if (command instanceof KvCommand.Delete delete) {
            String previous = data.remove(delete.key());
            return new KvResult(previous != null, previous);
        }
        if (command instanceof KvCommand.CompareAndSet cas) {
            return compareAndSet(cas);
        }
        // Unreachable while KvCommand stays sealed to the four records above.
        throw new IllegalArgumentException("unknown KvCommand " + command.getClass().getName());
    }

    /**
     * Answers a {@link KvCommand#get} without changing anything, for reads outside the log
     * ({@code RaftNode.read}, {@code RaftClient.read}); the result is the one {@link #apply} would give.
     *
     * @throws IllegalArgumentException for any other command: those change the map, so submit them
     */
    @Override
    public KvResult query(KvCommand command) {
        if (!(command instanceof KvCommand.Get get)) {
            throw new IllegalArgumentException("a query can only be a get, not " + command + "; submit commands"
                    + " that change the map through the log");
        }
        synchronized (lock) {
            return new KvResult(false, data.get(get.key()));
        }
    }

    private KvResult compareAndSet(KvCommand.CompareAndSet cas) {
        String current = data.get(cas.key());
        if (!Objects.equals(current, cas.expected())) {
            return new KvResult(false, current);
        }
        if (cas.newValue() == null) {
            data.remove(cas.key());
        } else {
            data.put(cas.key(), cas.newValue());
        }
        return new KvResult(true, cas.newValue());
    }

    /** This member's value for {@code key}, or {@code null}; a local read that may lag the cluster. */
    public String get(String key) {
        Objects.requireNonNull(key, "key must not be null");
        synchronized (lock) {
            return data.get(key);
        }
    }

    /** The number of keys in this member's copy. */
    public int size() {
        synchronized (lock) {
            return data.size();
        }
    }

    /** An immutable copy of this member's data, consistent with one point in the log. */
    public Map<String, String> snapshotOfData() {
        synchronized (lock) {
            return Map.copyOf(data);
        }
    }

    /**
     * Copies the map (on the apply thread, so the copy is consistent) and returns a writer that streams the
     * copy as a count followed by key/value pairs, sorted so that equal states give equal snapshots.
     */
    @Override
    public SnapshotWriter snapshot() {
        Map<String, String> copy;
        synchronized (lock) {
            copy = new java.util.TreeMap<>(data);
        }
        return out -> {
            DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
            d.writeInt(copy.size());
            for (Map.Entry<String, String> e : copy.entrySet()) {
                writeString(d, e.getKey());
                writeString(d, e.getValue());
            }
            d.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        int count = d.readInt();
        if (count < 0) {
            throw new IOException("corrupt KV snapshot: negative size " + count);
        }
        Map<String, String> restored = new HashMap<>();
        for (int i = 0; i < count; i++) {
            restored.put(readString(d), readString(d));
        }
        synchronized (lock) {
            data.clear();
            data.putAll(restored);
        }
    }

    private static void writeString(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }

    private static String readString(DataInputStream d) throws IOException {
        int length = d.readInt();
        if (length < 0) {
            throw new IOException("corrupt KV snapshot: negative string length");
        }
        return new String(d.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The log index of the last command applied, 0 before any. */
    public long lastAppliedIndex() {
        synchronized (lock) {
            return lastAppliedIndex;
        }
    }
}
