package io.graft.itest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image every member runs: the base image's Java 17 runtime plus the shaded graft-node jar, built once per
 * test JVM and removed when it exits (Ryuk, which would otherwise clean up, cannot run without a registry).
 */
final class NodeImage {
    /** The label on everything the integration tests create, so leftovers of aborted runs can be found. */
    static final String LABEL = "io.graft.itest";
    /** This JVM's run; leftovers carry another. */
    static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    /** The port every member listens on inside its container. */
    static final int PORT = 7400;

    private static final Logger LOG = LoggerFactory.getLogger(NodeImage.class);
    private static String name;

    private NodeImage() {
    }

    /** Labels for a resource of this run. */
    static Map<String, String> labels() {
        return Map.of(LABEL, RUN_ID);
    }

    /** The image's name, building it on first use. */
    static synchronized String name() {
        if (name == null) {
            Leftovers.remove();
            name = build();
            String built = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(built), "graft-itest-image-cleanup"));
        }
        return name;
    }

    private static String build() {
        Path jar = ItestSettings.nodeJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the node jar " + jar + " does not exist; build it first with"
                    + " `./mvnw -pl graft-node -am package -DskipTests` (./mvnw verify builds it before these tests)");
        }
        String base = ItestSettings.baseImage();
        String tag = "graft-itest-node:" + RUN_ID;
        long started = System.nanoTime();
        LOG.info("building image {} from {} with {}", tag, base, jar);
        new ImageFromDockerfile(tag, false)
                .withFileFromPath("graft-node.jar", jar)
                // The JVM caches host names forever by default; members find restarted or moved peers by name.
                .withFileFromString("dns.security", "networkaddress.cache.ttl=1\nnetworkaddress.cache.negative.ttl=0\n")
                .withDockerfileFromBuilder(d -> d
                        .from(base)
                        .label(LABEL, RUN_ID)
                        .copy("graft-node.jar", "/opt/graft/graft-node.jar")
                        .copy("dns.security", "/opt/graft/dns.security")
                        .workDir("/opt/graft")
                        // Small heaps and the serial collector: five members and the tests share two cores.
                        .entryPoint("java", "-XX:+UseSerialGC", "-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1",
                                "-Djava.security.properties=/opt/graft/dns.security", "-jar", "/opt/graft/graft-node.jar")
                        .build())
                .get();
        LOG.info("built image {} in {} ms", tag, (System.nanoTime() - started) / 1_000_000);
        return tag;
    }

    private static void remove(String image) {
        try {
            DockerClient docker = DockerClientFactory.instance().client();
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (RuntimeException e) {
            LOG.warn("could not remove image {}: {}", image, e.toString());
        }
    }
}
