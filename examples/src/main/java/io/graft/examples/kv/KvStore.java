package io.graft.examples.kv;

import io.graft.api.StateMachine;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A replicated string-to-string map: the classic first Raft application.
 *
 * <p>{@link #apply} is deterministic: it depends only on the commands applied so far. The local accessors
 * ({@link #get}, {@link #size}, {@link #snapshotOfData}) may be called from any thread while Graft applies
 * commands; they read this member's copy, which may lag the leader, so use a {@link KvCommand#get} through
 * the log when a read must observe every committed write. One lock guards the map so that a snapshot never
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

    /** The log index of the last command applied, 0 before any. */
    public long lastAppliedIndex() {
        synchronized (lock) {
            return lastAppliedIndex;
        }
    }
}
