package io.graft.core.internal.runtime;

import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers shared by the services that answer remote clients. */
final class ClientReplies {
    private ClientReplies() {
    }

    /** An encoded response to request {@code id} of {@code session} with a UTF-8 explanation as its body. */
    static byte[] explained(long session, long id, ClientStatus status, int hint, String text) {
        return ClientFrames.encode(new ClientResponse(session, id, status, hint, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** An encoded response to request {@code id} of {@code session} with {@code body}. */
    static byte[] of(long session, long id, ClientStatus status, int hint, byte[] body) {
        return ClientFrames.encode(new ClientResponse(session, id, status, hint, body));
    }

    /** The exception a future failed with, without the wrappers that future stages add. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The type and message of {@code e}, for a reply body. */
    static String describe(Throwable e) {
        return e.getClass().getName() + ": " + e.getMessage();
    }
}
