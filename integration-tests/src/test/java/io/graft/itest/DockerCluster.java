package io.graft.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * A cluster of KV members, one container each, on a private Docker network where members reach each other by
 * alias. A second network stands ready for splits: the minority moves there, so its members still reach each
 * other but not the majority.
 *
 * <p>Clients read {@link #endpoints()}: it changes whenever a member's host port does (after a restart or a
 * network move), and {@link #refreshEndpoints()} must be called after every such change.
 */
final class DockerCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerCluster.class);

    private final String name;
    private final Subnets mainNet;
    private final Subnets sideNet;
    private final Network main;
    private final Network side;
    private final Map<Integer, NodeContainer> nodes = new LinkedHashMap<>();
    private final AtomicReference<Endpoints> endpoints = new AtomicReference<>(new Endpoints(Map.of()));

    private DockerCluster(String name, int size) {
        this.name = name;
        String image = NodeImage.name();
        this.mainNet = Subnets.create(name + "-main");
        this.sideNet = Subnets.create(name + "-side");
        this.main = mainNet.network();
        this.side = sideNet.network();
        String yaml = ClusterYaml.forMembers(size);
        for (int id = 1; id <= size; id++) {
            nodes.put(id, new NodeContainer(name, id, image, mainNet, yaml));
        }
    }

    /** Starts {@code size} members, all at once, and waits until each printed its started line. */
    static DockerCluster start(String scenario, int size) {
        String name = "graft-itest-" + NodeImage.RUN_ID + "-" + scenario;
        DockerCluster cluster = new DockerCluster(name, size);
        try {
            long started = System.nanoTime();
            ExecutorService starter = Executors.newFixedThreadPool(size);
            try {
                CompletableFuture.allOf(cluster.nodes.values().stream()
                        .map(n -> CompletableFuture.runAsync(n::start, starter))
                        .toArray(CompletableFuture[]::new)).join();
            } finally {
                starter.shutdown();
            }
            cluster.refreshEndpoints();
            LOG.info("{}: {} members started in {} ms; addresses {}; endpoints {}", scenario, size,
                    (System.nanoTime() - started) / 1_000_000, cluster.nodes.values().stream()
                            .map(n -> n.id + "=" + n.addresses()).collect(java.util.stream.Collectors.joining(" ")),
                    cluster.endpoints().hostPorts());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    int size() {
        return nodes.size();
    }

    NodeContainer node(int id) {
        NodeContainer n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no member " + id + "; members are " + nodes.keySet());
        }
        return n;
    }

    Collection<NodeContainer> nodes() {
        return nodes.values();
    }

    List<Integer> ids() {
        return new ArrayList<>(nodes.keySet());
    }

    /** Where clients reach each member now. */
    Endpoints endpoints() {
        return endpoints.get();
    }

    /**
     * Reads every member's host port from Docker; publishes new {@link Endpoints} if any changed. A member
     * with no port now (stopped, or on no network) keeps its last one: clients keep trying it in vain, which
     * is what they would do with a crashed server.
     */
    void refreshEndpoints() {
        Endpoints before = endpoints.get();
        Map<Integer, Integer> ports = new HashMap<>(before.hostPorts());
        for (NodeContainer n : nodes.values()) {
            OptionalInt port = n.livePort();
            port.ifPresent(p -> ports.put(n.id, p));
        }
        Endpoints after = new Endpoints(ports);
        if (!after.equals(before)) {
            endpoints.set(after);
            LOG.debug("endpoints now {}", after.hostPorts());
        }
    }

    /** kill -9 of member {@code id}. */
    void kill(int id) {
        node(id).kill();
    }

    /** Deletes the data directory of the stopped member {@code id}. */
    void wipe(int id) {
        node(id).wipeData();
    }

    /** A clean stop (SIGTERM) of member {@code id}. */
    void stop(int id) {
        node(id).stop();
    }

    /** Starts the stopped member {@code id} again and waits for it; clients learn its new port. */
    void restart(int id) {
        node(id).restart();
        refreshEndpoints();
    }

    void pause(int id) {
        node(id).pause();
    }

    void unpause(int id) {
        node(id).unpause();
    }

    /** Cuts member {@code id} off from every other member. */
    void isolate(int id) {
        NodeContainer n = node(id);
        if (n.isOn(main)) {
            n.disconnect(main);
        }
        if (n.isOn(side)) {
            n.disconnect(side);
        }
        refreshEndpoints();
    }

    /**
     * Splits the cluster: the members in {@code minority} move to the side network, where they reach only each
     * other; the rest stay on the main network.
     */
    void split(Collection<Integer> minority) {
        for (int id : minority) {
            NodeContainer n = node(id);
            if (n.isOn(main)) {
                n.disconnect(main);
            }
            if (!n.isOn(side)) {
                n.connect(sideNet);
            }
        }
        refreshEndpoints();
    }

    /** Puts every member back on the main network only. */
    void healNetwork() {
        for (NodeContainer n : nodes.values()) {
            if (n.isOn(side)) {
                n.disconnect(side);
            }
            if (!n.isOn(main)) {
                n.connect(mainNet);
            }
        }
        refreshEndpoints();
    }

    /** Ends every fault: unpauses, restarts what is down, heals the network. */
    void healAll() {
        for (NodeContainer n : nodes.values()) {
            if (n.isPaused()) {
                n.unpause();
            }
        }
        healNetwork();
        for (NodeContainer n : nodes.values()) {
            if (!n.isRunning()) {
                n.restart();
            }
        }
        refreshEndpoints();
    }

    /** Writes each member's output to {@code dir}/node-&lt;id&gt;.log. */
    void saveLogs(Path dir) {
        try {
            Files.createDirectories(dir);
            for (NodeContainer n : nodes.values()) {
                Files.writeString(dir.resolve("node-" + n.id + ".log"), n.logs(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save the members' logs to {}: {}", dir, e.toString());
        }
    }

    /** Removes the containers, volumes and networks. */
    @Override
    public void close() {
        for (NodeContainer n : nodes.values()) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn("could not remove member {} of {}: {}", n.id, name, e.toString());
            }
        }
        for (Network network : List.of(main, side)) {
            try {
                network.close();
            } catch (RuntimeException e) {
                LOG.warn("could not remove network of {}: {}", name, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
