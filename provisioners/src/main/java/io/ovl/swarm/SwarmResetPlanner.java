package io.ovl.swarm;

import io.ovl.core.Finding;
import io.ovl.docker.LocalState;
import io.ovl.docker.NodeInfo;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns {@link SwarmFacts} into a {@link SwarmResetPlan}. Pure. */
public final class SwarmResetPlanner {
    private SwarmResetPlanner() {
    }

    /** @param force break up a swarm ovl did not create, and make hosts of other swarms leave too */
    public static SwarmResetPlan plan(Topology topology, SwarmFacts facts, boolean force) {
        List<Finding> blockers = new ArrayList<>();
        Optional<ClusterView> cluster = facts.cluster();
        cluster.filter(c -> !c.markedByOvl() && !force).ifPresent(c -> blockers.add(Finding.onHost(c.managerHost(),
                "swarm.not-ovl", "manages swarm " + c.clusterId() + ", which ovl did not create; pass --force to"
                + " break it up anyway")));
        List<SwarmResetPlan.Leave> workers = new ArrayList<>();
        List<SwarmResetPlan.Leave> managers = new ArrayList<>();
        Optional<SwarmResetPlan.Leave> last = Optional.empty();
        List<SwarmResetPlan.Stay> staying = new ArrayList<>();
        for (HostView h : facts.hosts()) {
            Optional<Member> member = member(h, cluster, force, blockers, staying);
            if (member.isEmpty()) {
                continue;
            }
            NodeInfo info = member.get().info();
            boolean ours = member.get().ours();
            boolean isManager = info.controlAvailable();
            if (cluster.map(c -> c.managerHost().equals(h.name())).orElse(false)) {
                last = Optional.of(new SwarmResetPlan.Leave(h.name(), info.nodeId(), false, true,
                        "last manager: the swarm ends with it"));
            } else if (isManager && ours) {
                managers.add(new SwarmResetPlan.Leave(h.name(), info.nodeId(), true, false, "manager: demoted to worker on "
                        + cluster.orElseThrow().managerHost() + " first, then leaves without force"));
            } else if (isManager) {
                // A manager of another swarm (only with --force): ovl's manager cannot demote it.
                managers.add(new SwarmResetPlan.Leave(h.name(), info.nodeId(), false, true,
                        "manager of another swarm: leaves with force"));
            } else {
                workers.add(new SwarmResetPlan.Leave(h.name(), info.nodeId(), false, false, "worker: leaves"));
            }
        }
        List<SwarmResetPlan.Leave> leaves = new ArrayList<>(workers);
        leaves.addAll(managers);
        last.ifPresent(leaves::add);
        List<String> networks = new ArrayList<>();
        for (NetworkSpec spec : topology.networks()) {
            cluster.flatMap(c -> c.overlay(spec.name())).ifPresent(n -> networks.add(n.name()));
        }
        return new SwarmResetPlan(cluster.map(ClusterView::managerHost).orElse(""), networks, leaves, staying, blockers);
    }

    /** A host in a swarm: its engine's info, and whether that swarm is the topology's. */
    record Member(NodeInfo info, boolean ours) {
    }

    /**
     * What reset finds on host {@code h}, for every reset (all hosts or a few): unreadable (a
     * blocker), in no swarm (staying), or a member; a member of another swarm is a blocker
     * unless {@code force}.
     */
    static Optional<Member> member(HostView h, Optional<ClusterView> cluster, boolean force, List<Finding> blockers,
                                   List<SwarmResetPlan.Stay> staying) {
        if (h.info().isEmpty()) {
            blockers.add(Finding.onHost(h.name(), "docker.info", "cannot read: " + h.unreadable().orElse("")));
            return Optional.empty();
        }
        NodeInfo info = h.info().get();
        if (info.state() == LocalState.INACTIVE) {
            staying.add(new SwarmResetPlan.Stay(h.name(), "not in a swarm"));
            return Optional.empty();
        }
        boolean ours = info.state() == LocalState.ACTIVE && cluster.map(c -> c.node(info.nodeId()).isPresent()).orElse(false);
        if (!ours && !force) {
            blockers.add(Finding.onHost(h.name(), "swarm.other", "is in a swarm other than the one its managers in"
                    + " the topology run (" + info.state().name().toLowerCase() + "); pass --force to make it leave"));
        }
        return Optional.of(new Member(info, ours));
    }
}
