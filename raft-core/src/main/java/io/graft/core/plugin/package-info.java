/** Finding transports, codecs and state machines by name on the class path. */
package io.graft.core.plugin;
