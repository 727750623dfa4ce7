/**
 * {@code graft}, the administration tool for any Graft cluster ({@link io.graft.node.tool.GraftTool}): the
 * members' status and reports, the membership, leadership transfers, membership changes and snapshots, through a
 * remote client that needs neither the cluster's codec nor its state machine.
 */
package io.graft.node.tool;
