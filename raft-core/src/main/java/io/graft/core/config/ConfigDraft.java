package io.graft.core.config;

import io.graft.api.config.ClusterConfig;

/**
 * What the loader has read so far: a {@link ClusterConfig.Builder} (which holds the defaults and checks the
 * settings when the loader builds it), and whether the members were listed.
 */
final class ConfigDraft {
    final ClusterConfig.Builder builder = ClusterConfig.builder();
    boolean hasMembers;
}
