/** Loading a {@link io.graft.api.config.ClusterConfig} from YAML, with errors that name the key and line. */
package io.graft.core.config;
