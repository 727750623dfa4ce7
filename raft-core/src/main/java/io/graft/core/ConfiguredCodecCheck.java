package io.graft.core;

import io.graft.api.Codec;
import io.graft.api.config.ClusterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when a cluster configuration names a codec ({@code codec:}) that a member is not using because its
 * program passed a codec instance: a setting silently ignored would otherwise surprise whoever reads the file.
 */
final class ConfiguredCodecCheck {
    private static final Logger LOG = LoggerFactory.getLogger(Graft.class);

    private ConfiguredCodecCheck() {
    }

    /** Logs a warning if {@code cluster} names a codec and {@code used} does not describe itself as that codec. */
    static void warnIfIgnored(ClusterConfig cluster, int memberId, String what, Codec<?> used) {
        if (!cluster.namesCodec() || isNamed(cluster.codec(), used.descriptor())) {
            return;
        }
        LOG.warn("member {}: the cluster configuration names codec '{}' (key 'codec'), but the program gave a codec"
                + " instance for {} that is not it (descriptor '{}'); that instance is used, and 'codec' and"
                + " 'codecOptions' are ignored. Members started from the same file by name would encode differently."
                + " Remove the key, or name the codec in use (a codec describes itself as its name, then '/' or"
                + " '-' and its version).", memberId, cluster.codec(), what, used.descriptor());
    }

    /** Whether {@code descriptor} is {@code name}, or {@code name} followed by something that is not a letter or digit. */
    static boolean isNamed(String name, String descriptor) {
        if (descriptor == null || !descriptor.startsWith(name)) {
            return false;
        }
        return descriptor.length() == name.length() || !Character.isLetterOrDigit(descriptor.charAt(name.length()));
    }
}
