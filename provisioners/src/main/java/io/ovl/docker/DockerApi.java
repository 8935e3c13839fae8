package io.ovl.docker;

import io.ovl.render.ContainerSpec;
import java.util.Optional;

/**
 * The few Docker Engine API calls init and reset make on one host. {@link DockerJavaApi} makes
 * them with docker-java over the host's SSH connection.
 */
public interface DockerApi {

    /** What {@code GET /info} says about the cluster store, or empty when dockerd does not answer. */
    Optional<DaemonStatus> status();

    /** Creates the container from {@code spec} (its named volumes are created by Docker) and starts it. */
    void createAndStart(ContainerSpec spec);

    void start(String containerName);

    /** Removes the container (forcing a running one); does nothing when it does not exist. */
    void removeContainer(String containerName);

    /** Removes a named volume; false when there was none. */
    boolean removeVolume(String volumeName);

    /**
     * @param clusterStore     as dockerd reports it ("etcd://198.18.0.11:2379/network"), empty when unset
     * @param clusterAdvertise as dockerd resolved it ("198.18.0.12:2376"), empty when unset
     */
    record DaemonStatus(String serverVersion, Optional<String> clusterStore, Optional<String> clusterAdvertise) {
    }
}
