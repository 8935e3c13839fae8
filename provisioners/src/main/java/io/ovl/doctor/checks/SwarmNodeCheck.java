package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.SwarmNodeRow;
import io.ovl.facts.DockerInfo;
import io.ovl.topology.Mode;
import io.ovl.topology.SwarmRole;
import java.util.List;
import java.util.Optional;

/**
 * Swarm mode, after setup: every overlay host is an active node of the swarm, and a manager lists it
 * Ready and Active. A Down node has no overlay traffic; a drained or paused one gets no tasks.
 */
public final class SwarmNodeCheck extends HostLocalCheck {
    @Override
    public String name() {
        return "swarm.node";
    }

    @Override
    public String description() {
        return "swarm mode, after setup: the host is in the swarm, and a manager lists it Ready and Active";
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
        if (!host.host().overlay()) {
            return Finding.skip("not an overlay host");
        }
        Optional<DockerInfo> info = host.facts().dockerInfo().value();
        if (info.isEmpty()) {
            return Finding.skip("dockerd does not answer (see docker.version)");
        }
        String state = info.get().swarmState();
        if (!"active".equals(state)) {
            List<String> active = SwarmNodes.activeHosts(context);
            if (active.isEmpty() && "inactive".equals(state)) {
                return Finding.skip("not set up yet (ovl init starts the swarm)");
            }
            return Finding.fail("swarm state is " + (state.isEmpty() ? "inactive" : state)
                            + (active.isEmpty() ? "" : ", while " + String.join(", ", active) + " are in the swarm"),
                    "run ovl init again; a host stuck in pending or error may need `docker swarm leave --force` first");
        }
        Optional<String> hostname = host.facts().hostname().value();
        Optional<SwarmNodeRow> row = hostname.flatMap(n -> SwarmNodes.row(context, n));
        if (row.isEmpty()) {
            return Finding.pass("active in a swarm (no manager listed its node state)");
        }
        SwarmNodeRow r = row.get();
        if (!"Ready".equals(r.status())) {
            return Finding.fail("a manager lists this node as " + r.status(),
                    "check dockerd on this host and that it reaches the managers on 2377/tcp and 7946 tcp+udp");
        }
        SwarmRole role = context.topology().swarmRole(host.host()).orElse(SwarmRole.WORKER);
        if (r.manager() != (role == SwarmRole.MANAGER)) {
            return Finding.fail("a " + (r.manager() ? "manager" : "worker") + " of the swarm, the topology says "
                    + role.key(), "`docker node " + (r.manager() ? "demote " : "promote ") + r.hostname()
                    + "` on a manager, or change its role in the topology");
        }
        if (!"Active".equals(r.availability())) {
            return Finding.warn("Ready, but availability " + r.availability() + ": no swarm tasks are placed here",
                    "`docker node update --availability active " + r.hostname() + "` on a manager if that is not meant");
        }
        return Finding.pass("Ready, Active" + (r.manager() ? ", manager (" + r.managerStatus() + ")" : ", worker"));
    }
}
