package io.graft.core.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A member's address as written in the {@code configuration} section: {@code host}, {@code host:port},
 * {@code [ipv6]} or {@code [ipv6]:port}. An IPv6 host keeps its brackets, so that {@code host:port} stays
 * unambiguous and {@link java.net.InetAddress#getByName} and ZeroMQ endpoints accept it as is.
 *
 * @param host the host name, IPv4 address or bracketed IPv6 address
 * @param port the port, 1 to 65535
 */
record MemberAddress(String host, int port) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");

    /** The text two members must not share: case-insensitive host and port. */
    String identity() {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message that says what to write instead
     */
    static MemberAddress parse(String text, int defaultPort) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the address is empty; write host or host:port");
        }
        if (s.contains("://")) {
            throw new IllegalArgumentException("'" + s + "' is a URL; write only host or host:port, the transport"
                    + " adds its own scheme");
        }
        if (s.startsWith("[")) {
            return parseBracketed(s, defaultPort);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("'" + s + "' has several ':'; write an IPv6 address in brackets,"
                    + " e.g. [::1]:7400");
        }
        String host = colon < 0 ? s : s.substring(0, colon);
        int port = colon < 0 ? defaultPort : parsePort(s.substring(colon + 1), s);
        checkHostName(host, s);
        return new MemberAddress(host, port);
    }

    private static MemberAddress parseBracketed(String s, int defaultPort) {
        int close = s.indexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException("'" + s + "' opens '[' without closing it; write e.g. [::1]:7400");
        }
        String inner = s.substring(1, close);
        if (!IPV6.matcher(inner).matches() || inner.indexOf(':') < 0) {
            throw new IllegalArgumentException("'" + inner + "' is not an IPv6 address; brackets are only for IPv6,"
                    + " e.g. [::1]:7400");
        }
        String rest = s.substring(close + 1);
        int port;
        if (rest.isEmpty()) {
            port = defaultPort;
        } else if (rest.startsWith(":")) {
            port = parsePort(rest.substring(1), s);
        } else {
            throw new IllegalArgumentException("unexpected '" + rest + "' after ']' in '" + s + "'; write e.g. [::1]:7400");
        }
        return new MemberAddress(s.substring(0, close + 1), port);
    }

    private static void checkHostName(String host, String whole) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + whole + "' has no host; write host:port");
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host + "' has characters a host name cannot have;"
                    + " write a plain host or host:port, e.g. node-1.example.com:7400");
        }
        if (host.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "' has a number where the host should be;"
                    + " write host:port, e.g. localhost:" + host);
        }
    }

    private static int parsePort(String port, String whole) {
        boolean digits = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
        int value = digits ? Integer.parseInt(port) : -1;
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("port '" + port + "' in '" + whole
                    + "' must be a number from 1 to 65535");
        }
        return value;
    }
}
