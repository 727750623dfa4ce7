package io.graft.api.event;

/**
 * Told of a member's {@link RaftEvent}s, in the order they happened.
 *
 * <p>Listeners run on the member's callback thread, the one that completes the futures it returns, never on its
 * Raft event loop: a slow listener delays other listeners and callbacks, never heartbeats or elections. A
 * listener that throws is logged and kept.
 */
@FunctionalInterface
public interface RaftEventListener {

    /** Called once per event. */
    void onEvent(RaftEvent event);
}
