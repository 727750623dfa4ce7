/**
 * Graft's public API: what a program implements ({@link io.graft.api.StateMachine}, {@link io.graft.api.Codec})
 * and what it uses ({@link io.graft.api.RaftNode}), with the exceptions a command's future can fail with.
 */
package io.graft.api;
