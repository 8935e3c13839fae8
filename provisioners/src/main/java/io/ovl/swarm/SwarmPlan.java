package io.ovl.swarm;

import io.ovl.core.Finding;
import io.ovl.change.NetworkStep;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything init would do in swarm mode, as a value: {@code --dry-run} prints it, init applies the
 * same object. Computed by {@link SwarmPlanner} from {@link SwarmFacts} only.
 *
 * @param clusterId the swarm the hosts end up in, empty when init starts a new one
 * @param manager   the manager the run talks to for tokens and networks (the one that inits, or
 *                  the existing swarm's)
 * @param hosts     one step per overlay host: the init first, then managers, then workers
 * @param networks  the topology's networks; {@code createOn} is the manager when missing
 * @param warnings  things to say that do not stop the run (an even number of managers)
 */
public record SwarmPlan(Optional<String> clusterId, String manager, List<SwarmStep> hosts, List<NetworkStep> networks,
                        List<Finding> blockers, List<String> warnings) {
    public SwarmPlan {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(manager, "manager");
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }

    public boolean nothingToDo() {
        return hosts.stream().noneMatch(SwarmStep::changesSomething)
                && networks.stream().allMatch(n -> n.createOn().isEmpty());
    }
}
