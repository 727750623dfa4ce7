package io.graft.node.admin;

import io.graft.api.config.ClusterConfig;

/**
 * A cluster file as {@code graft-node} reads it (see {@link AdminSection}).
 *
 * @param cluster the cluster: every key but {@code admin}
 * @param admin the launcher's admin endpoints: the {@code admin} section, {@link AdminSettings#off()} without one
 */
public record NodeFile(ClusterConfig cluster, AdminSettings admin) {
}
