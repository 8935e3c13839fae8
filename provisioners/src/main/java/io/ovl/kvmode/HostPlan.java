package io.ovl.kvmode;

import java.util.List;
import java.util.Objects;

/**
 * What init does on one overlay host.
 *
 * @param files             files to write (or remove), each with its diff against what is there
 * @param restartDocker     whether dockerd restarts (its configuration changes, or it does not yet
 *                          run with it, e.g. after an interrupted run)
 * @param why               one line: why it restarts, or why nothing is needed
 * @param runningContainers containers a restart would stop (the --yes rule)
 * @param expectedStore     the ClusterStore docker info must show afterwards
 * @param expectedAdvertise the ClusterAdvertise docker info must show, "" when dockerd resolves it
 *                          from an interface name and it cannot be known in advance
 * @param service           what restarts dockerd there: systemd, or /etc/init.d/docker on hosts without it
 */
public record HostPlan(String host, List<FileChange> files, boolean restartDocker, String why, int runningContainers,
                       String expectedStore, String expectedAdvertise, DockerService service) {
    public HostPlan {
        Objects.requireNonNull(host, "host");
        files = List.copyOf(files);
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(expectedStore, "expectedStore");
        Objects.requireNonNull(expectedAdvertise, "expectedAdvertise");
        Objects.requireNonNull(service, "service");
    }

    /** A host whose dockerd systemd runs (ovl's drop-in). */
    public HostPlan(String host, List<FileChange> files, boolean restartDocker, String why, int runningContainers,
                    String expectedStore, String expectedAdvertise) {
        this(host, files, restartDocker, why, runningContainers, expectedStore, expectedAdvertise, DockerService.SYSTEMD);
    }

    public boolean changesSomething() {
        return restartDocker || !files.isEmpty();
    }
}
