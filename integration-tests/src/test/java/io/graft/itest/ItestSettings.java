package io.graft.itest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the integration tests find what they need, each setting from a system property or else an environment
 * variable, with a default that suits a developer machine whose Docker can pull images.
 */
final class ItestSettings {
    /**
     * The runnable node jar, relative to this module, as the graft-node module builds it. Failsafe passes the
     * absolute path as {@code graft.itest.nodeJar}; this default serves runs from an IDE.
     */
    static final String NODE_JAR = "../graft-node/target/graft-node.jar";
    /** A public Java 17 runtime image, for Docker engines that can pull. CI builds its own (see .ci/setup-docker.sh). */
    static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    private ItestSettings() {
    }

    /** The image the node image is built FROM: {@code -Dgraft.itest.baseImage} or {@code GRAFT_BASE_IMAGE}. */
    static String baseImage() {
        return setting("graft.itest.baseImage", "GRAFT_BASE_IMAGE", DEFAULT_BASE_IMAGE);
    }

    /** The shaded graft-node jar copied into the image: {@code -Dgraft.itest.nodeJar} or {@link #NODE_JAR}. */
    static Path nodeJar() {
        return Path.of(setting("graft.itest.nodeJar", "GRAFT_NODE_JAR", NODE_JAR)).toAbsolutePath().normalize();
    }

    /** Where each scenario leaves its history, checker report and node logs. */
    static Path artifactsDir() {
        return Path.of(setting("graft.itest.artifacts", "GRAFT_ITEST_ARTIFACTS", "target/itest")).toAbsolutePath();
    }

    /**
     * Whether a missing Docker engine is an error rather than a reason to skip: {@code GRAFT_REQUIRE_DOCKER=1}
     * (set by {@code .ci/run}) or {@code -Dgraft.itest.requireDocker=true}.
     */
    static boolean dockerRequired() {
        String v = setting("graft.itest.requireDocker", "GRAFT_REQUIRE_DOCKER", "false").trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /**
     * Stretches every scenario's fault phase ({@code -Dgraft.itest.durationScale=3} for a longer soak; default 1).
     */
    static Duration scaled(Duration base) {
        double scale = Double.parseDouble(setting("graft.itest.durationScale", "GRAFT_ITEST_DURATION_SCALE", "1"));
        if (!(scale > 0)) {
            throw new IllegalArgumentException("graft.itest.durationScale must be positive, got " + scale);
        }
        return Duration.ofMillis(Math.round(base.toMillis() * scale));
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
