/** Cluster configuration: members, timing and the names of the plug-ins each node uses. */
package io.graft.api.config;
