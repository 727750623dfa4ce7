package io.graft.core.runtime;

import io.graft.api.Codec;
import io.graft.api.NodeClosedException;
import io.graft.api.NotCommittedException;
import io.graft.api.StateMachine;
import io.graft.core.protocol.EntryType;
import io.graft.core.protocol.LogEntry;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The apply thread: decodes committed commands, applies them to the state machine in log order, and
 * completes the futures of the commands submitted here. A slow state machine delays only this thread,
 * never heartbeats.
 */
final class ApplyWorker<C, R> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyWorker.class);

    private final int memberId;
    private final StateMachine<C, R> stateMachine;
    private final Codec<C> codec;
    private final Runnable onCommandDone;
    private final LinkedBlockingQueue<ApplyBatch<R>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile long appliedIndex;

    ApplyWorker(int memberId, StateMachine<C, R> stateMachine, Codec<C> codec, long appliedIndex, Runnable onCommandDone) {
        this.memberId = memberId;
        this.stateMachine = stateMachine;
        this.codec = codec;
        this.appliedIndex = appliedIndex;
        this.onCommandDone = onCommandDone;
    }

    void submit(ApplyBatch<R> batch) {
        queue.add(batch);
    }

    long appliedIndex() {
        return appliedIndex;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        MDC.put("node", Integer.toString(memberId));
        try {
            while (running) {
                ApplyBatch<R> batch = queue.poll(50, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    apply(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failUnapplied();
        }
    }

    /** Fails the futures of committed commands this worker will no longer apply (the node is closing). */
    private void failUnapplied() {
        ApplyBatch<R> batch;
        while ((batch = queue.poll()) != null) {
            for (Pending<R> p : batch.pending()) {
                if (p.future().completeExceptionally(new NodeClosedException("member " + memberId
                        + " closed before applying entry " + p.index() + "; it is committed and will be applied"
                        + " by the rest of the cluster"))) {
                    onCommandDone.run();
                }
            }
        }
    }

    private void apply(ApplyBatch<R> batch) {
        List<Pending<R>> pending = batch.pending();
        int p = 0;
        for (LogEntry e : batch.entries()) {
            if (!running) {
                return;
            }
            while (p < pending.size() && pending.get(p).index() < e.index()) {
                p++; // Cannot happen for a well-formed batch; skip defensively.
            }
            Pending<R> mine = p < pending.size() && pending.get(p).index() == e.index() ? pending.get(p++) : null;
            if (mine != null && mine.term() != e.term()) {
                mine.future().completeExceptionally(new NotCommittedException("entry " + e.index() + " of term "
                        + mine.term() + " was overwritten by a newer leader; the command was not applied"));
                onCommandDone.run();
                mine = null;
            }
            if (e.type() == EntryType.COMMAND) {
                applyCommand(e, mine);
            }
            appliedIndex = e.index();
        }
    }

    private void applyCommand(LogEntry e, Pending<R> mine) {
        R result;
        try {
            C command = codec.decode(e.payload());
            result = stateMachine.apply(e.index(), command);
        } catch (RuntimeException ex) {
            // Deterministic: every replica fails the same command the same way, so state stays identical.
            LOG.debug("command at {} failed: {}", e.index(), ex.toString());
            if (mine != null) {
                mine.future().completeExceptionally(ex);
                onCommandDone.run();
            }
            return;
        }
        if (mine != null) {
            mine.future().complete(result);
            onCommandDone.run();
        }
    }
}
