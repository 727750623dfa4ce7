package io.graft.itest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.command.ListVolumesResponse;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Removes what earlier, aborted runs left behind (containers, networks, volumes and node images labelled
 * {@value NodeImage#LABEL}): without Ryuk nothing else would, and a long-lived CI machine would fill up.
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    static void remove() {
        DockerClient docker = DockerClientFactory.instance().client();
        String label = NodeImage.LABEL;
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()) {
            if (!NodeImage.RUN_ID.equals(c.getLabels().get(label))) {
                removed += quietly(() -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
            }
        }
        for (Network n : docker.listNetworksCmd().exec()) {
            String run = n.getLabels() == null ? null : n.getLabels().get(label);
            if (run != null && !run.equals(NodeImage.RUN_ID)) {
                removed += quietly(() -> docker.removeNetworkCmd(n.getId()).exec());
            }
        }
        ListVolumesResponse volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec();
        if (volumes.getVolumes() != null) {
            for (var v : volumes.getVolumes()) {
                String run = v.getLabels() == null ? null : v.getLabels().get(label);
                if (!NodeImage.RUN_ID.equals(run)) {
                    removed += quietly(() -> docker.removeVolumeCmd(v.getName()).exec());
                }
            }
        }
        for (Image i : docker.listImagesCmd().withLabelFilter(label).exec()) {
            if (!NodeImage.RUN_ID.equals(i.getLabels() == null ? null : i.getLabels().get(label))) {
                removed += quietly(() -> docker.removeImageCmd(i.getId()).withForce(true).exec());
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftover Docker resource(s) of earlier integration test runs", removed);
        }
    }

    private static int quietly(Runnable r) {
        try {
            r.run();
            return 1;
        } catch (RuntimeException e) {
            LOG.debug("could not remove a leftover: {}", e.toString());
            return 0;
        }
    }
}
