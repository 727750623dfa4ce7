package io.graft.transport.zeromq;

import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The {@code zeromq} transport's settings, read from the cluster YAML's {@code transportOptions}. Every key is
 * optional:
 *
 * <pre>
 * transportOptions:
 *   bindHost: 0.0.0.0            # interface to bind; default: this member's own host (e.g. in containers)
 *   maxMessageBytes: 67108864    # largest frame sent or accepted (ZeroMQ MAXMSGSIZE); default 64 MiB
 *   receiveMemoryBytes: 134217728 # most memory frames being received on one socket hold at once; default 2 x maxMessageBytes
 *   maxConnections: 1024         # connections a member accepts at once (peers, clients, anyone); more are closed
 *   sendQueueMessages: 1024      # per-peer queue to the sending thread, in messages
 *   sendQueueBytes: 67108864     # ... and in bytes (at least maxMessageBytes); default 64 MiB
 *   sendHighWaterMark: 1000      # ZeroMQ SNDHWM of each peer's DEALER, in messages
 *   receiveHighWaterMark: 1000   # ZeroMQ RCVHWM of the ROUTER, in messages per connection
 *   lingerMillis: 0              # how long close() lets unsent messages drain
 *   reconnectMillis: 50          # first reconnect delay after a peer goes away ...
 *   reconnectMaxMillis: 1000     # ... doubling up to this
 *   heartbeatMillis: 1000        # ZMTP heartbeat interval, to notice dead connections; 0 turns it off
 *   heartbeatTimeoutMillis: 3000 # a connection silent this long is dropped and re-dialled
 *   handshakeTimeoutMillis: 1000 # a connection not through its ZMTP/CURVE handshake by then is re-dialled
 *   clientReplyQueueMessages: 4096 # replies to remote clients waiting for the receiving thread, in messages
 *   ioThreadNice: 10             # Linux: the ZeroMQ I/O thread's nice value, 0-19 (0 leaves it at normal priority)
 *   curve: true                  # CurveZMQ encryption and authentication; default false
 *   publicKeys:                  # with curve: one "memberId:Z85 public key" per member, this node's too
 *     - "1:rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *     - "2:..."
 *   secretKeyFile: /run/secrets/graft-curve   # with curve: a file holding this member's Z85 secret key,
 *   secretKeyEnv: GRAFT_CURVE_SECRET_KEY      # or else this environment variable (this is the default name)
 *   clientKeys:                  # with curve: the Z85 public keys of the remote clients members admit
 *     - "Yne@$w-vo&lt;fVvi]a&lt;NY6T1ed:M$fCG*[IaLV{hID"
 *   allowAnyClient: false        # with curve: true admits clients with any key (encrypted, not authenticated)
 *   clientSecretKeyFile: /home/me/.graft/client-key  # a client's own Z85 secret key (clients only),
 *   clientSecretKeyEnv: GRAFT_CURVE_CLIENT_SECRET_KEY # or else this environment variable (the default name)
 * </pre>
 *
 * In a {@code publicKeys} entry the member id ends at the first colon (Z85 keys may contain colons). The
 * secret key never goes into the shared YAML: each member reads its own from a file or its environment.
 * Without {@code curve}, the transport trusts the network: anyone who can reach the port can claim to be a
 * member, or be a client. Unknown keys are refused, so a typo such as {@code curv: true} cannot silently turn
 * security off. Outgoing memory per peer is bounded by {@code sendQueueBytes} plus {@code sendHighWaterMark}
 * messages inside ZeroMQ; incoming, by {@code receiveHighWaterMark} messages per connection, and by
 * {@code receiveMemoryBytes} for all connections of a socket together: ZeroMQ reserves a frame's whole announced
 * size when its header arrives, so without that bound every connection, authenticated or not, could make the
 * member reserve {@code maxMessageBytes} without sending the body ({@link FrameAllocator}). A member holds at most
 * {@code maxConnections} accepted connections, each with ZeroMQ's buffers ({@link ConnectionCap}).
 *
 * <p>Remote clients ({@link ZeroMqClientTransport}, made by {@code GraftClient} from the same YAML) reach the
 * members' bound ports too. With {@code curve}, members admit only the clients whose public keys are listed in
 * {@code clientKeys} (the default: none), or every client key if {@code allowAnyClient: true} (the links are
 * then encrypted, but anyone who can reach the port may submit commands). A client authenticates with its own
 * key pair, read from {@code clientSecretKeyFile} or the {@code clientSecretKeyEnv} variable (never the
 * member's), and checks each member against its {@code publicKeys} entry. A client key is never taken for a
 * member: a client cannot send protocol messages. The client side reads the queue, high-water-mark,
 * reconnect, heartbeat, handshake, linger and size options too, and ignores the member-only ones.
 *
 * @param bindHost the host to bind, or empty for the member's own host
 * @param maxMessageBytes the largest frame sent or accepted
 * @param receiveMemoryBytes the most bytes that frames of 8 KiB or more, received or only announced, and the parts
 *                           of unfinished multipart messages may hold at once on one socket (all its connections
 *                           together); a frame announced past it is refused, a multipart message cut there, and
 *                           either counted ({@link RejectReason#RECEIVE_MEMORY_FULL}). At least
 *                           {@code maxMessageBytes}
 * @param maxConnections how many connections a member's bound port holds at once (its peers', clients' and any
 *                       others'); one accepted beyond it is closed at once ({@link RejectReason#TOO_MANY_CONNECTIONS})
 * @param sendQueueMessages the per-peer send queue bound, in messages
 * @param sendQueueBytes the per-peer send queue bound, in bytes
 * @param sendHighWaterMark ZeroMQ's per-peer outgoing bound, in messages
 * @param receiveHighWaterMark ZeroMQ's per-connection incoming bound, in messages
 * @param lingerMillis ZeroMQ linger on close
 * @param reconnectMillis the first reconnect delay
 * @param reconnectMaxMillis the largest reconnect delay
 * @param heartbeatMillis the ZMTP heartbeat interval, 0 for none
 * @param heartbeatTimeoutMillis how long a silent connection lives
 * @param handshakeTimeoutMillis how long a connection may take to complete its handshake. Short on purpose:
 *                               JeroMQ 0.6.0 occasionally leaves a freshly dialled connection unregistered from
 *                               its poller (zeromq/jeromq PR #1022), and only this timer recovers it
 * @param clientReplyQueueMessages the bound of the queue of replies to remote clients, in messages (its bytes
 *                                 are bounded by {@code sendQueueBytes})
 * @param ioThreadNice the nice value of ZeroMQ's I/O thread (0 for normal priority); in a process with several
 *                     members and clients, the first one started decides it for their shared I/O thread
 * @param curve the CurveZMQ keys, or empty for plain TCP
 */
public record ZeroMqSettings(Optional<String> bindHost, int maxMessageBytes, long receiveMemoryBytes,
                             int maxConnections, int sendQueueMessages,
                             long sendQueueBytes, int sendHighWaterMark, int receiveHighWaterMark, int lingerMillis,
                             int reconnectMillis, int reconnectMaxMillis, int heartbeatMillis,
                             int heartbeatTimeoutMillis, int handshakeTimeoutMillis, int clientReplyQueueMessages,
                             int ioThreadNice, Optional<CurveSettings> curve) {

    /** The environment variable read for the secret key when {@code secretKeyEnv} is not set. */
    public static final String DEFAULT_SECRET_KEY_ENV = "GRAFT_CURVE_SECRET_KEY";
    /** The environment variable a client reads its secret key from when {@code clientSecretKeyEnv} is not set. */
    public static final String DEFAULT_CLIENT_SECRET_KEY_ENV = "GRAFT_CURVE_CLIENT_SECRET_KEY";
    /** The default {@code maxMessageBytes}: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;
    /** The default {@code maxConnections}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    private static final Set<String> KEYS = Set.of("bindHost", "maxMessageBytes", "receiveMemoryBytes",
            "maxConnections", "sendQueueMessages",
            "sendQueueBytes", "sendHighWaterMark", "receiveHighWaterMark", "lingerMillis", "reconnectMillis",
            "reconnectMaxMillis", "heartbeatMillis", "heartbeatTimeoutMillis", "handshakeTimeoutMillis",
            "clientReplyQueueMessages", "ioThreadNice", "curve", "publicKeys", "secretKeyFile", "secretKeyEnv", "clientKeys",
            "allowAnyClient", "clientSecretKeyFile", "clientSecretKeyEnv");
    /** The options that only mean something with {@code curve: true}. */
    private static final List<String> CURVE_ONLY = List.of("publicKeys", "secretKeyFile", "clientKeys",
            "allowAnyClient", "clientSecretKeyFile");

    /** Whose settings are read: the secret key comes from a different place for each. */
    private enum Side { MEMBER, CLIENT }

    /** The settings an empty {@code transportOptions} gives. */
    public static ZeroMqSettings defaults() {
        return from(Options.empty("transportOptions"));
    }

    /** Reads {@code options}, taking the secret key variable (if needed) from the process environment. */
    public static ZeroMqSettings from(Options options) {
        return from(options, System::getenv);
    }

    /**
     * Reads {@code options} for a member.
     *
     * @param environment looks up an environment variable (null when unset)
     * @throws ConfigurationException naming the key at fault and what to write instead
     */
    public static ZeroMqSettings from(Options options, UnaryOperator<String> environment) {
        return read(options, environment, Side.MEMBER);
    }

    /**
     * Reads {@code options} for a remote client: with {@code curve}, {@link CurveSettings#secretKey()} is the
     * client's own, from {@code clientSecretKeyFile} or {@code clientSecretKeyEnv}; the member's secret key is
     * not needed.
     *
     * @param environment looks up an environment variable (null when unset)
     * @throws ConfigurationException naming the key at fault and what to write instead
     */
    public static ZeroMqSettings forClient(Options options, UnaryOperator<String> environment) {
        return read(options, environment, Side.CLIENT);
    }

    private static ZeroMqSettings read(Options options, UnaryOperator<String> environment, Side side) {
        String section = options.section();
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigurationException(section + "." + key, "unknown option for the zeromq transport;"
                        + " known options are " + new TreeSet<>(KEYS));
            }
        }
        Optional<String> bindHost = options.string("bindHost").map(String::trim);
        if (bindHost.isPresent() && bindHost.get().isEmpty()) {
            throw new ConfigurationException(section + ".bindHost", "is empty; use e.g. 0.0.0.0 or leave it out");
        }
        int maxMessageBytes = atLeast(options, "maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES, 64);
        long receiveMemoryBytes = longAtLeast(options, "receiveMemoryBytes", 2L * maxMessageBytes, maxMessageBytes,
                "must be at least maxMessageBytes (" + maxMessageBytes + ") so the largest message can be received");
        int maxConnections = atLeast(options, "maxConnections", DEFAULT_MAX_CONNECTIONS, 1);
        int sendQueueMessages = atLeast(options, "sendQueueMessages", 1024, 1);
        long sendQueueBytes = longAtLeast(options, "sendQueueBytes", Math.max(64L << 20, maxMessageBytes),
                maxMessageBytes, "must be at least maxMessageBytes (" + maxMessageBytes + ") so the largest message"
                        + " fits");
        int sendHwm = atLeast(options, "sendHighWaterMark", 1000, 1);
        int receiveHwm = atLeast(options, "receiveHighWaterMark", 1000, 1);
        int linger = atLeast(options, "lingerMillis", 0, 0);
        if (linger > 1000) {
            throw new ConfigurationException(section + ".lingerMillis", "must be at most 1000 so close() ends within"
                    + " about a second, got " + linger);
        }
        int reconnect = atLeast(options, "reconnectMillis", 50, 1);
        int reconnectMax = atLeast(options, "reconnectMaxMillis", Math.max(1000, reconnect), reconnect);
        int heartbeat = atLeast(options, "heartbeatMillis", 1000, 0);
        int heartbeatTimeout = atLeast(options, "heartbeatTimeoutMillis", Math.max(3 * heartbeat, 1),
                Math.max(heartbeat, 1));
        int handshakeTimeout = atLeast(options, "handshakeTimeoutMillis", 1000, 1);
        int clientReplyQueue = atLeast(options, "clientReplyQueueMessages", 4096, 1);
        int ioThreadNice = atLeast(options, "ioThreadNice", 10, 0);
        if (ioThreadNice > 19) {
            throw new ConfigurationException(section + ".ioThreadNice", "must be from 0 (normal priority) to 19"
                    + " (lowest), got " + ioThreadNice);
        }
        Optional<CurveSettings> curve = options.flag("curve", false)
                ? Optional.of(readCurve(options, environment, side))
                : Optional.empty();
        if (curve.isEmpty()) {
            for (String key : CURVE_ONLY) {
                if (options.has(key)) {
                    throw new ConfigurationException(section + ".curve", key + " is set but curve is not; add"
                            + " 'curve: true' to encrypt and authenticate, or remove " + key);
                }
            }
        }
        return new ZeroMqSettings(bindHost, maxMessageBytes, receiveMemoryBytes, maxConnections, sendQueueMessages, sendQueueBytes, sendHwm, receiveHwm,
                linger, reconnect, reconnectMax, heartbeat, heartbeatTimeout, handshakeTimeout, clientReplyQueue,
                ioThreadNice, curve);
    }

    private static CurveSettings readCurve(Options options, UnaryOperator<String> environment, Side side) {
        String section = options.section();
        List<String> entries = options.strings("publicKeys");
        if (entries.isEmpty()) {
            throw new ConfigurationException(section + ".publicKeys", "curve is on but no public keys are listed;"
                    + " add one \"<memberId>:<Z85 public key>\" entry per member");
        }
        SortedMap<Integer, byte[]> keys = new TreeMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            int id = colon > 0 ? MemberIdentity.parse(entry.substring(0, colon).trim()) : MemberIdentity.INVALID;
            if (id == MemberIdentity.INVALID) {
                throw new ConfigurationException(section + ".publicKeys", "entry '" + entry
                        + "' is not \"<memberId>:<Z85 public key>\","
                        + " e.g. \"1:rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7\"");
            }
            if (keys.containsKey(id)) {
                throw new ConfigurationException(section + ".publicKeys", "member " + id + " is listed twice");
            }
            try {
                keys.put(id, CurveKeys.decode(entry.substring(colon + 1), "the public key of member " + id));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(section + ".publicKeys", e.getMessage());
            }
        }
        List<byte[]> clientKeys = readClientKeys(options, keys);
        boolean allowAnyClient = options.flag("allowAnyClient", false);
        byte[] secretKey = side == Side.MEMBER
                ? readSecretKey(options, environment, "secretKeyFile", "secretKeyEnv", DEFAULT_SECRET_KEY_ENV,
                        "this member")
                : readSecretKey(options, environment, "clientSecretKeyFile", "clientSecretKeyEnv",
                        DEFAULT_CLIENT_SECRET_KEY_ENV, "this client");
        return new CurveSettings(keys, secretKey, clientKeys, allowAnyClient);
    }

    private static List<byte[]> readClientKeys(Options options, SortedMap<Integer, byte[]> memberKeys) {
        String key = options.section() + ".clientKeys";
        List<byte[]> out = new ArrayList<>();
        for (String entry : options.strings("clientKeys")) {
            byte[] clientKey;
            try {
                clientKey = CurveKeys.decode(entry, "client key '" + entry.trim() + "'");
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key, e.getMessage() + "; list each client's 40-character Z85"
                        + " public key (from CurveKeys)");
            }
            for (var member : memberKeys.entrySet()) {
                if (CurveKeys.sameKey(clientKey, member.getValue())) {
                    throw new ConfigurationException(key, "client key '" + entry.trim() + "' is member "
                            + member.getKey() + "'s public key; give each client a key pair of its own");
                }
            }
            out.add(clientKey);
        }
        return out;
    }

    /**
     * Reads a secret key from the file option, or else the environment variable the env option names.
     *
     * @param whose "this member" or "this client", for error messages
     */
    private static byte[] readSecretKey(Options options, UnaryOperator<String> environment, String fileKey,
                                        String envKey, String defaultEnv, String whose) {
        String section = options.section();
        Optional<String> file = options.string(fileKey);
        if (file.isPresent()) {
            Path path = Path.of(file.get().trim());
            String text;
            try {
                text = Files.readString(path, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new ConfigurationException(section + "." + fileKey, "cannot read " + path.toAbsolutePath()
                        + " (" + e + "); it must hold " + whose + "'s 40-character Z85 secret key");
            }
            try {
                return CurveKeys.decode(text, "the secret key in " + path);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(section + "." + fileKey, e.getMessage());
            }
        }
        String variable = options.string(envKey).map(String::trim).orElse(defaultEnv);
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(section + "." + fileKey, "curve is on but " + whose + " has no secret"
                    + " key: set " + fileKey + " to a file holding its 40-character Z85 secret key, or the environment"
                    + " variable " + variable + " (never put the secret key in the shared YAML)");
        }
        try {
            return CurveKeys.decode(value, "the secret key in environment variable " + variable);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(section + "." + envKey, e.getMessage());
        }
    }

    private static int atLeast(Options options, String key, int defaultValue, int min) {
        OptionalInt v = options.integer(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (v.getAsInt() < min) {
            throw new ConfigurationException(options.section() + "." + key, "must be at least " + min + ", got "
                    + v.getAsInt());
        }
        return v.getAsInt();
    }

    private static long longAtLeast(Options options, String key, long defaultValue, long min, String why) {
        OptionalLong v = options.longValue(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (v.getAsLong() < min) {
            throw new ConfigurationException(options.section() + "." + key, why + ", got " + v.getAsLong());
        }
        return v.getAsLong();
    }
}
