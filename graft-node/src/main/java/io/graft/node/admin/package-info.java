/**
 * The admin endpoints of {@code graft-node}: Prometheus metrics, health probes, the member's report and events as
 * JSON, and a live dashboard, served over the JDK's HTTP server on the port the cluster file's {@code admin}
 * section (or {@code --admin-port}) gives. {@link io.graft.node.admin.AdminSection} reads that section,
 * {@link io.graft.node.admin.AdminServer} serves the endpoints of any {@link io.graft.node.admin.MemberView}, and
 * {@link io.graft.node.admin.NodeAdmin} ties both to the launcher's member.
 */
package io.graft.node.admin;
