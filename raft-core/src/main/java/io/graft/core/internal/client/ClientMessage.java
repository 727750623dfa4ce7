package io.graft.core.internal.client;

/**
 * What a remote client may send a member: a command for the log ({@link ClientRequest}), a read outside the log
 * ({@link ClientRead}), or an administrative request ({@link AdminRequest}). Each is answered with one
 * {@link ClientResponse} carrying the same session id and number.
 */
public sealed interface ClientMessage permits ClientRequest, ClientRead, AdminRequest {

    /** The client's session id (for reads and admin requests only a correlation id: they need no session). */
    long sessionId();
}
