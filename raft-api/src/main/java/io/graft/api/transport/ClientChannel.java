package io.graft.api.transport;

/**
 * The way back to one remote client, handed to a node with each client request. Thread-safe and
 * non-blocking; a reply to a client that has gone away is dropped (the client retries).
 */
@FunctionalInterface
public interface ClientChannel {

    /** Sends one encoded reply frame to the client. */
    void reply(byte[] frame);
}
