package io.ovl.kvmode;

import io.ovl.change.NetworkStep;
import io.ovl.core.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Everything init would do, as a value: {@code --dry-run} prints it, {@code init} applies this same
 * object. Computed by {@link Planner} from facts only.
 *
 * @param storeUrl the --cluster-store every overlay dockerd gets
 * @param store    one step per store host; empty for an external store
 * @param hosts    one entry per overlay host, in topology order
 * @param blockers reasons found before any change; a plan with blockers is never applied
 */
public record Plan(ClusterLayout layout, String storeUrl, List<StoreStep> store, List<HostPlan> hosts,
                   List<NetworkStep> networks, List<Finding> blockers) {
    public Plan {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(storeUrl, "storeUrl");
        store = List.copyOf(store);
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
        blockers = List.copyOf(blockers);
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }

    /** True when applying would change nothing anywhere. */
    public boolean nothingToDo() {
        return store.stream().allMatch(s -> s.action() == StoreStep.Action.NONE)
                && hosts.stream().noneMatch(HostPlan::changesSomething)
                && networks.stream().allMatch(n -> n.createOn().isEmpty());
    }

    /** Hosts whose dockerd restart would stop running containers: they need the operator's yes. */
    public List<HostPlan> restartsStoppingContainers() {
        return hosts.stream().filter(h -> h.restartDocker() && h.runningContainers() > 0).toList();
    }
}
