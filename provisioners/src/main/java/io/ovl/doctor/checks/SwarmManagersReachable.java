package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.SwarmNodeRow;
import io.ovl.topology.Mode;
import io.ovl.topology.SwarmRole;
import java.util.Optional;

/**
 * Swarm mode, after setup: every host the topology names a manager is a manager the others reach
 * (Leader or Reachable). Losing more than half of the managers stops the swarm's control plane.
 */
public final class SwarmManagersReachable extends HostLocalCheck {
    @Override
    public String name() {
        return "swarm.managers";
    }

    @Override
    public String description() {
        return "swarm mode, after setup: the topology's managers are managers, Leader or Reachable";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (context.topology().mode() != Mode.SWARM) {
            return Finding.skip("not swarm mode");
        }
        if (context.topology().swarmRole(host.host()).orElse(SwarmRole.WORKER) != SwarmRole.MANAGER) {
            return Finding.skip("not a manager in the topology");
        }
        if (SwarmNodes.activeHosts(context).isEmpty()) {
            return Finding.skip("not set up yet (ovl init starts the swarm)");
        }
        if (SwarmNodes.nodes(context).isEmpty()) {
            return Finding.fail("no host answered `docker node ls`: no manager is reachable",
                    "start dockerd on the managers; with quorum lost, see Docker's docs on --force-new-cluster");
        }
        Optional<SwarmNodeRow> row = host.facts().hostname().value().flatMap(n -> SwarmNodes.row(context, n));
        if (row.isEmpty()) {
            return Finding.fail("not a node of the swarm the managers run", "run ovl init again");
        }
        SwarmNodeRow r = row.get();
        if (!r.manager()) {
            return Finding.fail("a worker, the topology says manager",
                    "`docker node promote " + r.hostname() + "` on a manager, or change its role in the topology");
        }
        if ("Leader".equals(r.managerStatus()) || "Reachable".equals(r.managerStatus())) {
            return Finding.pass(r.managerStatus());
        }
        return Finding.fail("manager status " + r.managerStatus() + " (node " + r.status() + ")",
                "start dockerd there and check 2377/tcp between managers");
    }
}
