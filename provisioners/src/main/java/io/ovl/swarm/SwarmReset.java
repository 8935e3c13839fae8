package io.ovl.swarm;

import io.ovl.core.OvlException;
import io.ovl.provision.HostOutcome;
import io.ovl.provision.InitReport;
import io.ovl.provision.NetworkOutcome;
import io.ovl.provision.ProvisionProgress;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ovl reset} in swarm mode. Applies a {@link SwarmResetPlan}:
 * <ol>
 *   <li>remove the topology's networks on the manager (a network with containers still attached
 *       stops the reset here, before any host leaves, so nothing is cut off half-way);</li>
 *   <li>workers leave;</li>
 *   <li>managers leave, the one that answered for the swarm last.</li>
 * </ol>
 * The report uses init's shape: one outcome per host; a removed network is a network outcome whose
 * error is empty and which no host still sees.
 */
public final class SwarmReset {
    private final Topology topology;
    private final SwarmHosts hosts;

    public SwarmReset(Topology topology, SwarmHosts hosts) {
        this.topology = topology;
        this.hosts = hosts;
    }

    public SwarmResetPlan plan(boolean force) {
        return SwarmResetPlanner.plan(topology, SwarmFacts.read(topology, hosts), force);
    }

    public InitReport apply(SwarmResetPlan plan, ProvisionProgress progress) {
        if (!plan.blockers().isEmpty()) {
            throw new IllegalArgumentException("a blocked plan is never applied: " + plan.blockers());
        }
        List<NetworkOutcome> networks = new ArrayList<>();
        boolean networksGone = true;
        for (String name : plan.removeNetworks()) {
            progress.step(plan.manager(), "removing network " + name);
            try {
                hosts.require(plan.manager()).api().removeNetwork(name);
                networks.add(new NetworkOutcome(name, Optional.empty(), List.of(), List.of(), Optional.empty()));
            } catch (OvlException e) {
                networksGone = false;
                networks.add(new NetworkOutcome(name, Optional.empty(), List.of(plan.manager()), List.of(),
                        Optional.of(e.getMessage() + " (disconnect or stop its containers, then run reset again)")));
            }
        }
        List<HostOutcome> outcomes = new ArrayList<>();
        for (SwarmResetPlan.Leave leave : plan.leaves()) {
            if (!networksGone) {
                outcomes.add(new HostOutcome(leave.host(), HostOutcome.Status.SKIPPED,
                        "still in the swarm: a network could not be removed"));
                continue;
            }
            progress.step(leave.host(), "leaving the swarm" + (leave.force() ? " (force)" : ""));
            try {
                hosts.require(leave.host()).api().leave(leave.force());
                outcomes.add(new HostOutcome(leave.host(), HostOutcome.Status.CHANGED, "left the swarm"));
            } catch (OvlException e) {
                outcomes.add(new HostOutcome(leave.host(), HostOutcome.Status.FAILED, e.getMessage()));
            }
        }
        plan.staying().forEach(s -> outcomes.add(new HostOutcome(s.host(), HostOutcome.Status.UNCHANGED, s.why())));
        return new InitReport(List.of(), outcomes, networks);
    }
}
