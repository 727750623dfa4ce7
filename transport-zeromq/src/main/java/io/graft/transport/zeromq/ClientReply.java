package io.graft.transport.zeromq;

/**
 * One reply on its way to a remote client: the client's routing identity and the reply's bytes.
 *
 * @param identity the routing identity the request came from
 * @param frame the encoded reply
 */
record ClientReply(byte[] identity, byte[] frame) {
}
