package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Mode;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.List;

/**
 * A swarm needs at least one manager. An even number of managers is allowed but buys no fault
 * tolerance over one fewer (the Raft quorum is a majority), so it is a warning.
 */
public final class SwarmManagers implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        if (t.mode() != Mode.SWARM || t.overlayHosts().isEmpty()) {
            return List.of();
        }
        long managers = t.overlayHosts().stream()
                .filter(h -> t.swarmRole(h).orElse(SwarmRole.WORKER) == SwarmRole.MANAGER)
                .count();
        if (managers == 0) {
            return List.of(Finding.error("hosts", "the swarm has no manager",
                    "set 'role: manager' on one host (or on 3 or 5 for fault tolerance)"));
        }
        if (managers % 2 == 0) {
            return List.of(Finding.warning("hosts", "the swarm has " + managers + " managers; an even number"
                    + " tolerates no more failures than " + (managers - 1), "use an odd number of managers: 1, 3 or 5"));
        }
        return List.of();
    }
}
