package io.graft.transport.zeromq;

import io.graft.api.config.ConfigurationException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * CurveZMQ keys for one node.
 *
 * @param publicKeys every member's raw 32-byte public key, by member id (this node's included)
 * @param secretKey this node's raw 32-byte secret key; never logged
 */
public record CurveSettings(SortedMap<Integer, byte[]> publicKeys, byte[] secretKey) {

    public CurveSettings {
        publicKeys = Collections.unmodifiableSortedMap(new TreeMap<>(publicKeys));
    }

    /**
     * Checks these keys against the cluster when the node starts: every member has a key, no key belongs to
     * a non-member, no two members share a key, and the secret key matches this node's listed public key.
     *
     * @param section the options section, for error messages
     */
    void validateFor(int self, java.util.Collection<Integer> members, String section) {
        for (int id : members) {
            if (!publicKeys.containsKey(id)) {
                throw new ConfigurationException(section + ".publicKeys", "member " + id
                        + " has no public key; list one \"<memberId>:<Z85 public key>\" entry for every member "
                        + members);
            }
        }
        for (Map.Entry<Integer, byte[]> e : publicKeys.entrySet()) {
            if (!members.contains(e.getKey())) {
                throw new ConfigurationException(section + ".publicKeys", "member " + e.getKey()
                        + " is not in the cluster " + members + "; remove its entry or fix the id");
            }
            for (Map.Entry<Integer, byte[]> other : publicKeys.tailMap(e.getKey() + 1).entrySet()) {
                if (CurveKeys.sameKey(e.getValue(), other.getValue())) {
                    throw new ConfigurationException(section + ".publicKeys", "members " + e.getKey() + " and "
                            + other.getKey() + " have the same public key; give each member its own key pair");
                }
            }
        }
        if (!CurveKeys.sameKey(CurveKeys.publicKeyOf(secretKey), publicKeys.get(self))) {
            throw new ConfigurationException(section + ".publicKeys", "this node's secret key does not belong to the"
                    + " public key listed for member " + self + "; check secretKeyFile / the secret key variable");
        }
    }

    /** This node's public key. */
    byte[] publicKey(int self) {
        return publicKeys.get(self);
    }

    @Override
    public String toString() {
        return "CurveSettings[members with keys=" + publicKeys.keySet() + ", secretKey=<hidden>]";
    }
}
