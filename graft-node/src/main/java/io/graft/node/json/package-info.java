/**
 * JSON without a library, for the admin endpoints and the {@code graft} tool: a token writer and the member
 * report's JSON shape, which {@code /status} and {@code graft report --json} share.
 */
package io.graft.node.json;
