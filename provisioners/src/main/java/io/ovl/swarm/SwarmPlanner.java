package io.ovl.swarm;

import io.ovl.core.Finding;
import io.ovl.docker.LocalState;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import io.ovl.change.NetworkStep;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@link SwarmFacts} into a {@link SwarmPlan}. Pure: the same facts always give the same plan,
 * so it is unit-tested over captured {@code docker info} and {@code GET /nodes} answers.
 */
public final class SwarmPlanner {
    private SwarmPlanner() {
    }

    /** @param force adopt a swarm ovl did not create, move hosts out of other swarms, ignore a cluster-store */
    public static SwarmPlan plan(Topology topology, SwarmFacts facts, boolean force) {
        List<Finding> blockers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<HostView> managers = facts.hosts().stream().filter(h -> h.role() == SwarmRole.MANAGER).toList();
        if (managers.size() % 2 == 0) {
            warnings.add(managers.size() + " managers: an even number tolerates no more failures than "
                    + (managers.size() - 1) + "; make it " + (managers.size() - 1) + " or " + (managers.size() + 1));
        }
        Optional<ClusterView> cluster = facts.cluster();
        cluster.filter(c -> !c.markedByOvl() && !force).ifPresent(c -> blockers.add(Finding.onHost(c.managerHost(),
                "swarm.not-ovl", "is a manager of swarm " + c.clusterId() + ", which ovl did not create; pass --force"
                + " to join the other hosts to it, or leave it (`docker swarm leave --force` on its nodes) to let ovl"
                + " start a new one")));
        String manager = cluster.map(ClusterView::managerHost).orElse(managers.isEmpty() ? "" : managers.get(0).name());

        List<SwarmStep> steps = new ArrayList<>();
        for (HostView h : facts.hosts()) {
            if (h.info().isEmpty()) {
                blockers.add(Finding.onHost(h.name(), "docker.info", "cannot read: " + h.unreadable().orElse("")));
                continue;
            }
            NodeInfo info = h.info().get();
            info.clusterStore().filter(s -> !force).ifPresent(s -> blockers.add(Finding.onHost(h.name(),
                    "engine.cluster-store", "dockerd runs with --cluster-store " + s + " (kv mode), which swarm mode"
                    + " cannot run beside; remove it first (`ovl reset` with the kv topology), or pass --force")));
            steps.add(step(h, info, cluster, manager, force, blockers));
        }
        if (managers.isEmpty()) {
            blockers.add(Finding.error("swarm.managers", "no manager among the overlay hosts; give one"
                    + " host role: manager"));
        }
        steps.sort(Comparator.comparingInt(SwarmPlanner::order));

        List<NetworkStep> networks = new ArrayList<>();
        for (NetworkSpec spec : topology.networks()) {
            Optional<SwarmNetwork> existing = cluster.flatMap(c -> c.overlay(spec.name()));
            if (existing.isEmpty()) {
                networks.add(new NetworkStep(spec, List.of(), Optional.of(manager)));
                continue;
            }
            SwarmNetwork n = existing.get();
            spec.subnets().stream().filter(s -> !n.subnets().contains(s.toString())).findFirst().ifPresent(s -> blockers.add(
                    Finding.onHost(manager, "network." + spec.name(), "exists in the swarm with subnet " + String.join(", ", n.subnets())
                    + ", the topology says " + s + "; remove it (`docker network rm " + spec.name()
                    + "` on a manager) or change the topology")));
            if (spec.encrypted() && !n.encrypted()) {
                blockers.add(Finding.onHost(manager, "network." + spec.name(), "exists in the swarm unencrypted, the"
                        + " topology says encrypted: true; remove it (`docker network rm " + spec.name()
                        + "` on a manager) so init can create it encrypted"));
            }
            networks.add(new NetworkStep(spec, List.of(manager), Optional.empty()));
        }
        return new SwarmPlan(cluster.map(ClusterView::clusterId), manager, steps, networks, blockers, warnings);
    }

    private static SwarmStep step(HostView h, NodeInfo info, Optional<ClusterView> cluster, String manager,
                                  boolean force, List<Finding> blockers) {
        SwarmRole role = h.role();
        String state = describe(info);
        if (cluster.isPresent()) {
            ClusterView c = cluster.get();
            Optional<SwarmNode> member = info.state() == LocalState.ACTIVE ? c.node(info.nodeId()) : Optional.empty();
            if (member.isPresent()) {
                SwarmRole actual = member.get().manager() ? SwarmRole.MANAGER : SwarmRole.WORKER;
                if (actual != role) {
                    blockers.add(Finding.onHost(h.name(), "swarm.role", "is a " + actual.key() + " of this swarm, the"
                            + " topology says " + role.key() + "; run `docker node " + (role == SwarmRole.MANAGER
                            ? "promote" : "demote") + " " + info.nodeId() + "` on " + manager
                            + ", or change its role in the topology"));
                }
                return new SwarmStep(h.name(), role, SwarmStep.Action.NONE, false, "already a " + actual.key()
                        + " of swarm " + c.clusterId() + (actual == role ? "" : " (the topology says " + role.key() + ")"));
            }
            boolean leave = needsLeave(h, info, state, force, blockers);
            return new SwarmStep(h.name(), role, SwarmStep.Action.JOIN, leave, state + "; joins swarm "
                    + c.clusterId() + " as " + role.key());
        }
        if (h.name().equals(manager)) {
            boolean leave = needsLeave(h, info, state, force, blockers);
            return new SwarmStep(h.name(), role, SwarmStep.Action.INIT, leave, state + "; starts the swarm");
        }
        boolean leave = needsLeave(h, info, state, force, blockers);
        return new SwarmStep(h.name(), role, SwarmStep.Action.JOIN, leave, state + "; joins as " + role.key());
    }

    /** A host that is not free to join: a blocker, or with --force a leave first. */
    private static boolean needsLeave(HostView h, NodeInfo info, String state, boolean force, List<Finding> blockers) {
        if (info.state() == LocalState.INACTIVE) {
            return false;
        }
        if (!force) {
            blockers.add(Finding.onHost(h.name(), "swarm.other", state + ", not the topology's; run `docker swarm leave"
                    + " --force` there, or pass --force to make it leave"));
        }
        return true;
    }

    private static String describe(NodeInfo info) {
        return switch (info.state()) {
            case INACTIVE -> "not in a swarm";
            case ACTIVE -> (info.controlAvailable() ? "manager" : "worker") + " of swarm "
                    + info.clusterId().orElse("(managers at " + String.join(", ", info.remoteManagers()) + ")");
            case PENDING -> "joining a swarm (pending)";
            case ERROR -> "in swarm state error" + (info.error().isBlank() ? "" : ": " + info.error());
            case LOCKED -> "in a locked swarm";
        };
    }

    private static int order(SwarmStep s) {
        if (s.action() == SwarmStep.Action.INIT) {
            return 0;
        }
        return s.role() == SwarmRole.MANAGER ? 1 : 2;
    }
}
