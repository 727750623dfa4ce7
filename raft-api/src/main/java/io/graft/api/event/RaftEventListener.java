package io.graft.api.event;

/**
 * Told of a member's {@link RaftEvent}s, in the order they happened.
 *
 * <p>Listeners run where the member completes the futures it returns (its callback executor: by default a thread
 * of its own), in order with those completions, never on its Raft threads: a slow listener delays other listeners
 * and the completion of the member's futures, never heartbeats, elections or replication. Keep listeners quick,
 * and hand long work to a thread of your own. A listener that throws is logged and kept.
 */
@FunctionalInterface
public interface RaftEventListener {

    /** Called once per event. */
    void onEvent(RaftEvent event);
}
