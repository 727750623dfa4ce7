package io.graft.itest;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Skips the container tests, with a clear message, when no Docker engine answers; unless Docker is required
 * ({@link ItestSettings#dockerRequired()}, as in CI), where a missing engine fails the tests instead. Unlike
 * {@code @Testcontainers(disabledWithoutDocker = true)}, it never skips silently in CI.
 */
final class DockerRequirement implements ExecutionCondition, BeforeAllCallback {
    private static final Logger LOG = LoggerFactory.getLogger(DockerRequirement.class);
    private static Optional<String> problem;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> p = problem();
        if (p.isEmpty() || ItestSettings.dockerRequired()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers, or it is required");
        }
        String message = "SKIPPED: no usable Docker engine (" + p.get() + "), so the container integration tests"
                + " do not run. To run them, start Docker (as root: .ci/setup-docker.sh installs and starts one"
                + " and builds the base image); set GRAFT_REQUIRE_DOCKER=1 to make this an error, as CI does.";
        LOG.warn(message);
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        problem().ifPresent(p -> {
            throw new IllegalStateException("GRAFT_REQUIRE_DOCKER is set but no usable Docker engine answers: " + p
                    + ". Run .ci/setup-docker.sh as root (it installs docker.io, starts dockerd and builds the base"
                    + " image), and export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
                    + " TESTCONTAINERS_CHECKS_DISABLE=true where images cannot be pulled.");
        });
    }

    /** Why Docker cannot be used, or empty when it answers; asked once per JVM. */
    static synchronized Optional<String> problem() {
        if (problem == null) {
            try {
                DockerClientFactory.instance().client().pingCmd().exec();
                problem = Optional.empty();
            } catch (Throwable t) { // Testcontainers throws IllegalStateException, errors from native access...
                problem = Optional.of(String.valueOf(t.getMessage() != null ? t.getMessage() : t));
            }
        }
        return problem;
    }
}
