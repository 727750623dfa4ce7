/**
 * A TCP transport over JeroMQ (pure-Java ZeroMQ), named {@code zeromq}.
 *
 * <p>Each node binds one ROUTER socket at its own address and keeps one DEALER per peer, whose routing
 * identity is the sending member's id, so the receiver knows which member a frame claims to come from. Each
 * socket has exactly one owning thread (a receiving one, a sending one, and with CURVE an authentication one);
 * {@code send} encodes on the caller's thread and hands the bytes over through a bounded per-peer queue.
 * Optional CurveZMQ encrypts the links and, through a ZAP handler, admits only the listed members' public keys.
 * See {@link io.graft.transport.zeromq.ZeroMqSettings} for the options.
 */
package io.graft.transport.zeromq;
