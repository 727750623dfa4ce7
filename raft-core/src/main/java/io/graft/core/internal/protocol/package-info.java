/**
 * Internal: the messages members exchange and their versioned binary encoding ({@code MessageCodec}), which
 * refuses malformed input with a {@link io.graft.api.MalformedMessageException}. Not for callers.
 */
package io.graft.core.internal.protocol;
