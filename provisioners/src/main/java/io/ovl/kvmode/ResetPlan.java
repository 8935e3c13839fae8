package io.ovl.kvmode;

import io.ovl.core.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ovl reset} would do, as a value (printed by {@code --dry-run}, applied by reset).
 *
 * @param hosts one entry per host that has ovl's drop-in (removed, dockerd restarted) or not (unchanged)
 * @param store the store containers to remove, and with {@code --purge} their data volumes
 */
public record ResetPlan(List<HostPlan> hosts, List<StoreRemoval> store, List<Finding> blockers) {

    /**
     * @param containerExists whether the container is there now
     * @param volumes         named volumes to remove (only with --purge)
     */
    public record StoreRemoval(String host, String container, boolean containerExists, List<String> volumes) {
        public StoreRemoval {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(container, "container");
            volumes = List.copyOf(volumes);
        }
    }

    public ResetPlan {
        hosts = List.copyOf(hosts);
        store = List.copyOf(store);
        blockers = List.copyOf(blockers);
    }

    public boolean nothingToDo() {
        return hosts.stream().noneMatch(HostPlan::changesSomething)
                && store.stream().noneMatch(s -> s.containerExists() || !s.volumes().isEmpty());
    }

    public List<HostPlan> restartsStoppingContainers() {
        return hosts.stream().filter(h -> h.restartDocker() && h.runningContainers() > 0).toList();
    }
}
