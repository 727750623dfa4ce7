package io.graft.core;

import io.graft.api.Codec;
import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.api.event.RaftEventListener;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.api.transport.Transport;
import io.graft.core.internal.raft.RaftConfig;
import io.graft.core.internal.runtime.LocalRaftNode;
import io.graft.core.internal.runtime.NodeObservers;
import io.graft.core.plugin.Plugins;
import io.graft.core.storage.LogStorage;
import io.graft.core.storage.MemoryLogStorage;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * The entry point for embedding Graft: build and start a member of a cluster.
 *
 * <pre>{@code
 * ClusterConfig cluster = ClusterConfigLoader.load(Path.of("cluster.yaml"));
 * RaftNode<KvCommand, KvResult> node = Graft.node(cluster, 1, new KvStore(), new KvCodec()).start();
 * node.submit(KvCommand.put("hello", "world")).join();
 * }</pre>
 */
public final class Graft {
    private Graft() {
    }

    /**
     * A builder for member {@code memberId} of {@code cluster}, replicating {@code stateMachine} with commands
     * encoded by {@code commandCodec}.
     *
     * <p>The instances given here are the ones used. The configuration's {@code stateMachine} and
     * {@code stateMachineOptions} are read only by programs that build a state machine by name (the generic
     * launcher). Its {@code codec} and {@code codecOptions} likewise; but when the configuration names a codec
     * ({@link ClusterConfig#namesCodec()}) that the instance given does not appear to be (its
     * {@link Codec#descriptor() descriptor} does not start with that name), {@link NodeBuilder#start()} logs a
     * warning naming the key and the codec used instead: members started from the same file by name would
     * encode differently, and stop when they meet.
     */
    public static <C, R> NodeBuilder<C, R> node(ClusterConfig cluster, int memberId, StateMachine<C, R> stateMachine,
                                                Codec<C> commandCodec) {
        return new NodeBuilder<>(cluster, memberId, stateMachine, commandCodec);
    }

    /**
     * Configures one member before it starts. Anything not set comes from the cluster configuration: the
     * transport by name, a file log in {@code dataDir} (or a memory log without one).
     */
    public static final class NodeBuilder<C, R> {
        private final ClusterConfig cluster;
        private final int memberId;
        private final StateMachine<C, R> stateMachine;
        private final Codec<C> codec;
        private Codec<R> resultCodec;
        private Transport transport;
        private LogStorage storage;
        private Clock clock = Clock.system();
        private long seed = System.nanoTime();
        /** Settings given here rather than in the configuration; they win over it. */
        private final ClusterConfig.Builder overrides;
        private boolean joining;
        private final List<RaftEventListener> listeners = new ArrayList<>();
        private MetricsRecorder metrics = MetricsRecorder.NONE;
        private Executor callbackExecutor;

        private NodeBuilder(ClusterConfig cluster, int memberId, StateMachine<C, R> stateMachine, Codec<C> codec) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            this.memberId = memberId;
            this.stateMachine = Objects.requireNonNull(stateMachine, "stateMachine");
            this.codec = Objects.requireNonNull(codec, "commandCodec");
            cluster.member(memberId); // Fails early, naming the members, if the id is not one of them.
            this.overrides = cluster.toBuilder();
        }

        /** The codec of results, needed to answer remote clients (without one they get an error reply). */
        public NodeBuilder<C, R> resultCodec(Codec<R> c) {
            this.resultCodec = c;
            return this;
        }

        /** Uses this transport instance instead of the one the configuration names. */
        public NodeBuilder<C, R> transport(Transport t) {
            this.transport = t;
            return this;
        }

        /** Uses this log storage (e.g. a {@link MemoryLogStorage} kept across simulated crashes). */
        public NodeBuilder<C, R> storage(LogStorage s) {
            this.storage = s;
            return this;
        }

        /** The clock driving timeouts (tests may slow or speed it). */
        public NodeBuilder<C, R> clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** The seed of the election-timeout jitter, for reproducible runs. */
        public NodeBuilder<C, R> randomSeed(long s) {
            this.seed = s;
            return this;
        }

        /** Whether to run pre-votes before elections; overrides the configuration's {@code preVote}. */
        public NodeBuilder<C, R> preVote(boolean on) {
            overrides.preVote(on);
            return this;
        }

        /** Whether leaders step down without a live majority; overrides the configuration's {@code checkQuorum}. */
        public NodeBuilder<C, R> checkQuorum(boolean on) {
            overrides.checkQuorum(on);
            return this;
        }

        /** The most unacknowledged appends per follower; overrides the configuration's {@code maxInflightAppends}. */
        public NodeBuilder<C, R> maxInflight(int n) {
            overrides.maxInflightAppends(n);
            return this;
        }

        /**
         * Whether this member joins a running cluster (default false). A joining member with an empty log does
         * not take the configuration file's members as the cluster's: it neither campaigns nor counts anyone's
         * vote, and waits for the leader, which replicates the cluster's membership to it once
         * {@code addMember} (or {@code addLearner}) was called on the leader. A member that already holds a
         * membership in its log or snapshot (a restart) uses that one either way: the configuration file is
         * only ever the bootstrap membership of a brand-new cluster.
         */
        public NodeBuilder<C, R> joining(boolean on) {
            this.joining = on;
            return this;
        }

        /**
         * How long {@code close()} of a leader waits for another member to take over before closing (default
         * two election timeouts; zero closes at once, leaving the cluster to elect a leader after an election
         * timeout).
         */
        public NodeBuilder<C, R> handOffLeadershipOnClose(Duration wait) {
            overrides.handOffLeadershipOnClose(Objects.requireNonNull(wait, "wait"));
            return this;
        }

        /**
         * A listener told of the member's events from its very start (its first election included); more can be
         * added later with {@link RaftNode#addListener}.
         */
        public NodeBuilder<C, R> listener(RaftEventListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * The recorder of the member's measurements, such as {@code graft-metrics-micrometer}'s; none by
         * default.
         */
        public NodeBuilder<C, R> metrics(MetricsRecorder m) {
            this.metrics = Objects.requireNonNull(m, "metrics");
            return this;
        }

        /**
         * Where the futures the member returns complete, and so where the callbacks chained on them run (see
         * {@link RaftNode}). By default a daemon thread of the member's own, {@code graft-callbacks-<id>}, which
         * completes them in the order their outcomes were produced; the member hands outcomes to it in batches, so
         * it costs little even at high throughput. An executor given here gets one task per batch; it keeps that
         * order only if it runs tasks one at a time, in order. {@code Runnable::run} completes futures on the
         * member's own threads: the least latency, but a callback that is slow or blocks then delays heartbeats
         * and can cost the member its leadership. The member does not shut down an executor given here.
         */
        public NodeBuilder<C, R> callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Starts the member; it joins the cluster at once. */
        public RaftNode<C, R> start() {
            ConfiguredCodecCheck.warnIfIgnored(cluster, memberId, "commands", codec);
            if (resultCodec != null) {
                ConfiguredCodecCheck.warnIfIgnored(cluster, memberId, "results", resultCodec);
            }
            ClusterConfig settings = overrides.build(); // Checks what was set here as the YAML's settings are.
            int[] voters = cluster.members().keySet().stream().mapToInt(Integer::intValue).toArray();
            RaftConfig rc = new RaftConfig(memberId, voters, settings.electionTimeout().toMillis(),
                    settings.heartbeatInterval().toMillis(), settings.maxAppendEntries(), settings.maxAppendBytes(),
                    settings.maxInflightAppends(), settings.preVote(), settings.checkQuorum());
            Transport t = transport != null ? transport
                    : new Plugins().transport(cluster.transport()).create(cluster.transportOptions());
            LogStorage s = storage != null ? storage : defaultStorage();
            return new LocalRaftNode<>(settings, rc, stateMachine, codec, resultCodec, t, s, clock,
                    new SplittableRandom(seed ^ memberId), joining, settings.handOffLeadershipOnClose(), callbackExecutor,
                    new NodeObservers(listeners, metrics));
        }

        /** A file log in {@code dataDir/member-<id>} when the configuration names a directory, else memory. */
        private LogStorage defaultStorage() {
            if (cluster.dataDir().isEmpty()) {
                return new MemoryLogStorage();
            }
            Path dir = cluster.dataDir().get().resolve("member-" + memberId);
            return FileLogStorage.open(dir, FileLogOptions.of(cluster.clusterId(), memberId).withFsync(cluster.fsync()));
        }
    }
}
