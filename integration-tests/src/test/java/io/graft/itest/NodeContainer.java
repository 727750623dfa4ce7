package io.graft.itest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.awaitility.Awaitility;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * One member in its own container, with the faults a nemesis injects. Testcontainers creates and first starts
 * the container; after that Docker is driven directly, because Testcontainers caches what it learned at start
 * (such as mapped ports) and does not expect a container to be killed, restarted, paused or moved between
 * networks behind its back.
 */
final class NodeContainer implements AutoCloseable {
    /** How long a member may take to print its started line (a JVM start on a busy two-core machine). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String CONFIG_PATH = "/etc/graft/cluster.yaml";

    final int id;
    final String alias;
    private final String volume;
    private final String image;
    private final String startedLine;
    private final GenericContainer<?> container;
    private final DockerClient docker = DockerClientFactory.instance().client();
    /** The networks this container is attached to, by id: tracked here, as Docker is told what to do. */
    private final Set<String> networks = new HashSet<>();
    private volatile boolean paused;

    NodeContainer(String namePrefix, int id, String image, Subnets network, String memberYaml) {
        this.id = id;
        this.alias = ClusterYaml.alias(id);
        this.volume = namePrefix + "-data-" + alias;
        this.image = image;
        this.startedLine = "graft node " + id + " started: ";
        docker.createVolumeCmd().withName(volume).withLabels(NodeImage.labels()).exec();
        String name = namePrefix + "-" + alias;
        this.container = new GenericContainer<>(CompletableFuture.completedFuture(image))
                .withNetwork(network.network())
                .withNetworkAliases(alias)
                .withExposedPorts(NodeImage.PORT)
                .withLabels(NodeImage.labels())
                .withCopyToContainer(Transferable.of(memberYaml), CONFIG_PATH)
                .withCommand("--config", CONFIG_PATH, "--id", String.valueOf(id))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name).withIpv4Address(network.addressOf(id));
                    cmd.getHostConfig()
                            .withBinds(new Bind(volume, new Volume(ClusterYaml.DATA_DIR)))
                            // Published on loopback only: the tests reach members through 127.0.0.1.
                            .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"),
                                    ExposedPort.tcp(NodeImage.PORT)));
                })
                .waitingFor(Wait.forLogMessage(".*" + Pattern.quote(startedLine) + ".*\\s", 1)
                        .withStartupTimeout(START_TIMEOUT));
        networks.add(network.network().getId());
    }

    /** Creates and starts the container, returning once the member printed its started line. */
    void start() {
        container.start();
    }

    String containerId() {
        return container.getContainerId();
    }

    /** The host port on 127.0.0.1 that reaches this member now, read from Docker, not from a cache. */
    OptionalInt livePort() {
        InspectContainerResponse info = docker.inspectContainerCmd(containerId()).exec();
        Ports.Binding[] bindings = info.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(NodeImage.PORT));
        if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    /** Whether the member's process is alive (running or paused). */
    boolean isRunning() {
        Boolean running = docker.inspectContainerCmd(containerId()).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    boolean isPaused() {
        return paused;
    }

    /** kill -9: the process dies at once, with whatever it had not yet written. */
    void kill() {
        docker.killContainerCmd(containerId()).withSignal("KILL").exec();
        Awaitility.await("member " + id + " to die").atMost(Duration.ofSeconds(30)).until(() -> !isRunning());
    }

    /** A clean stop: SIGTERM, so the member closes its log, then SIGKILL after a grace period. */
    void stop() {
        docker.stopContainerCmd(containerId()).withTimeout(20).exec();
    }

    /** Starts the stopped container again (same volume and networks) and waits for the member's started line. */
    void restart() {
        int before = startedCount();
        docker.startContainerCmd(containerId()).exec();
        Awaitility.await("member " + id + " to start again").atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).until(() -> startedCount() > before);
    }

    /**
     * Deletes the stopped member's data directory, as a replaced disk or a lost volume would: a short-lived
     * container of the same image mounts the volume and removes the directory.
     */
    void wipeData() {
        if (isRunning()) {
            throw new IllegalStateException("member " + id + " is running; stop or kill it first");
        }
        String id = docker.createContainerCmd(image)
                .withEntrypoint("rm", "-rf", ClusterYaml.DATA_DIR + "/member-" + this.id)
                .withLabels(NodeImage.labels())
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(ClusterYaml.DATA_DIR))))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int status = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            if (status != 0) {
                throw new IllegalStateException("wiping member " + this.id + "'s data exited with " + status);
            }
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** Freezes every process of the container (as a long GC pause would): connections stay open, unanswered. */
    void pause() {
        docker.pauseContainerCmd(containerId()).exec();
        paused = true;
    }

    void unpause() {
        docker.unpauseContainerCmd(containerId()).exec();
        paused = false;
    }

    /** Cuts the container off {@code network}: its peers there can no longer reach it, nor it them. */
    void disconnect(Network network) {
        docker.disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(containerId())
                .withForce(true).exec();
        networks.remove(network.getId());
    }

    /**
     * Attaches the container to {@code network} under its alias and its fixed address there (Docker forgets
     * both on disconnect).
     */
    void connect(Subnets network) {
        docker.connectToNetworkCmd().withNetworkId(network.network().getId()).withContainerId(containerId())
                .withContainerNetwork(new ContainerNetwork().withAliases(alias)
                        .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(network.addressOf(id))))
                .exec();
        networks.add(network.network().getId());
    }

    /** This container's address on each network it is attached to, as Docker reports it. */
    String addresses() {
        return docker.inspectContainerCmd(containerId()).exec().getNetworkSettings().getNetworks().values().stream()
                .map(ContainerNetwork::getIpAddress).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    boolean isOn(Network network) {
        return networks.contains(network.getId());
    }

    /** Everything the member printed (the launcher's lines on stdout, its log on stderr), with timestamps. */
    String logs() {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(containerId()).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    /** How many times the member printed its started line, over all the container's runs. */
    private int startedCount() {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(containerId()).withStdOut(true).withStdErr(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matcher m = Pattern.compile(Pattern.quote(startedLine)).matcher(out);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * Copies the member's data directory out of the container (running or not) into {@code target}, and
     * returns the copy's path.
     */
    Path copyDataDir(Path target) {
        String memberDir = "member-" + id;
        try (InputStream tar = docker.copyArchiveFromContainerCmd(containerId(),
                ClusterYaml.DATA_DIR + "/" + memberDir).exec();
             TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            Files.createDirectories(target);
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("unexpected path in the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the data directory of member " + id, e);
        }
        return target.resolve(memberDir);
    }

    /** Removes the container and its data volume. */
    @Override
    public void close() {
        try {
            if (paused) {
                unpause();
            }
        } catch (RuntimeException e) {
            // Removal below forces it anyway.
        }
        try {
            container.stop();
        } finally {
            try {
                docker.removeVolumeCmd(volume).exec();
            } catch (NotFoundException e) {
                // Already gone.
            }
        }
    }
}
