/**
 * The runnable node: {@link io.graft.node.NodeLauncher} starts the member a YAML cluster file describes, with the
 * state machine, codec and transport it names; {@link io.graft.node.GraftCli} is the command-line client.
 */
package io.graft.node;
