/**
 * The runnable node: {@link io.graft.node.NodeLauncher} starts the member a YAML cluster file describes, with the
 * state machine, codec and transport it names; {@link io.graft.node.GraftCli} is the key-value example's
 * command-line client, and {@link io.graft.node.tool.GraftTool} ({@code graft}) administers any cluster.
 */
package io.graft.node;
