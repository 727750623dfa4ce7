package io.graft.node.admin;

import io.graft.api.config.ConfigurationException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where {@code graft-node} serves its admin endpoints, from the cluster file's {@code admin} section (see
 * {@link AdminSection}) or the launcher's {@code --admin-port}. Off unless one of them asks for it.
 *
 * @param enabled whether the admin endpoints are served at all
 * @param port the port of every member ({@code admin.port: 9400}, for members on machines of their own), if one
 *             port is given; {@code 0} takes any free port
 * @param memberPorts each member's port ({@code admin.port: {1: 9401, 2: 9402}}, for members sharing a host), if a
 *                    map is given; empty otherwise
 * @param bind the host name or address to listen on ({@value #LOOPBACK} unless {@code admin.bind} says otherwise)
 * @param readyMaxApplyLag the most committed entries a member may have left to apply and still be ready
 *                         ({@code /health/ready})
 * @param portLine the line of {@code admin.port}, for messages; 0 when unknown
 * @param bindLine the line of {@code admin.bind}, for messages; 0 when unknown or not given
 * @param source the cluster file, for messages; empty when unknown
 */
public record AdminSettings(boolean enabled, OptionalInt port, SortedMap<Integer, Integer> memberPorts, String bind,
                            long readyMaxApplyLag, int portLine, int bindLine, String source) {
    /** The address the endpoints listen on unless told otherwise: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The default of {@code admin.readyMaxApplyLag}, in entries. */
    public static final long DEFAULT_READY_MAX_APPLY_LAG = 1_000;

    /** Copies the map of member ports; when enabled, exactly one of {@code port} and {@code memberPorts} is given. */
    public AdminSettings {
        memberPorts = Collections.unmodifiableSortedMap(new TreeMap<>(memberPorts));
        if (enabled && port.isPresent() == !memberPorts.isEmpty()) {
            throw new IllegalArgumentException("give either one port or a port per member, got " + port + " and "
                    + memberPorts);
        }
    }

    /** No admin endpoints: a cluster file without an {@code admin} section. */
    public static AdminSettings off() {
        return new AdminSettings(false, OptionalInt.empty(), new TreeMap<>(), LOOPBACK, DEFAULT_READY_MAX_APPLY_LAG, 0,
                0, "");
    }

    /**
     * These settings with one port for this member, as {@code --admin-port} gives it: it turns the endpoints on
     * and wins over the file's ports; the file's {@code bind} and {@code readyMaxApplyLag} still apply.
     *
     * @throws IllegalArgumentException if {@code port} is not 0 to 65535
     */
    public AdminSettings withPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--admin-port must be a port from 1 to 65535 (or 0 for any free port),"
                    + " got " + port);
        }
        return new AdminSettings(true, OptionalInt.of(port), new TreeMap<>(), bind, readyMaxApplyLag, 0, bindLine,
                source);
    }

    /**
     * The address member {@code memberId} serves its endpoints on; empty when they are off.
     *
     * @throws ConfigurationException if {@code admin.port} is a map without this member, or {@code admin.bind}
     *                                names a host that does not resolve
     */
    public Optional<InetSocketAddress> address(int memberId) {
        if (!enabled) {
            return Optional.empty();
        }
        int chosen;
        if (port.isPresent()) {
            chosen = port.getAsInt();
        } else if (memberPorts.containsKey(memberId)) {
            chosen = memberPorts.get(memberId);
        } else {
            throw new ConfigurationException("admin.port", portLine, "lists no port for member " + memberId
                    + " (it lists members " + memberPorts.keySet() + "); add a line '" + memberId + ": PORT' under"
                    + " it, or pass --admin-port" + where());
        }
        InetSocketAddress address = new InetSocketAddress(bind, chosen);
        if (address.isUnresolved()) {
            throw new ConfigurationException("admin.bind", bindLine, "cannot resolve the host '" + bind + "'; use an"
                    + " address of this machine, such as " + LOOPBACK + " (this machine only) or 0.0.0.0 (every"
                    + " interface)" + where());
        }
        return Optional.of(address);
    }

    private String where() {
        return source.isEmpty() ? "" : " (in " + source + ")";
    }
}
