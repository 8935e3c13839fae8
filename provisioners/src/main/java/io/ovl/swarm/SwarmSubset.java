package io.ovl.swarm;

import io.ovl.change.NetworkStep;
import io.ovl.core.Finding;
import io.ovl.docker.LocalState;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNode;
import io.ovl.topology.HostSubset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Swarm init and reset on a few hosts ({@code --hosts}): only those hosts join or leave; the
 * swarm, its networks and the other hosts stay. Pure.
 */
public final class SwarmSubset {
    static final String OUTSIDE = "outside --hosts";

    private SwarmSubset() {
    }

    /**
     * init on {@code subset}: the other hosts keep their state (the plan says what they would do);
     * a swarm that does not exist yet must start on a host of the subset; missing networks are
     * created only when the manager the run talks to is one of them.
     */
    public static SwarmPlan init(SwarmPlan plan, HostSubset subset) {
        if (subset.all()) {
            return plan;
        }
        List<Finding> blockers = new ArrayList<>(plan.blockers().stream().filter(b -> b.host().equals(Finding.WHOLE_TOPOLOGY)
                || subset.contains(b.host()) || b.host().equals(plan.manager())).toList());
        List<SwarmStep> steps = new ArrayList<>();
        for (SwarmStep s : plan.hosts()) {
            if (subset.contains(s.host()) || !s.changesSomething()) {
                steps.add(s);
                continue;
            }
            if (s.action() == SwarmStep.Action.INIT) {
                blockers.add(Finding.onHost(s.host(), "swarm.outside-hosts", "there is no swarm yet and it starts on this"
                        + " host, which is outside --hosts; add " + s.host() + " to --hosts"));
            }
            steps.add(new SwarmStep(s.host(), s.role(), SwarmStep.Action.NONE, false, OUTSIDE + ": left as is (would: "
                    + s.why() + ")"));
        }
        List<NetworkStep> networks = plan.networks().stream().map(n -> subset.contains(plan.manager()) ? n
                : new NetworkStep(n.spec(), n.presentOn(), Optional.empty())).toList();
        return new SwarmPlan(plan.clusterId(), plan.manager(), steps, networks, blockers, plan.warnings());
    }

    /**
     * reset on {@code subset}: those hosts leave (a manager demoted first, on a manager that stays)
     * and their nodes are removed; networks stay. Refused when it would leave the swarm without a
     * manager, or when its managers could not keep a quorum.
     *
     * @param force make hosts of another swarm leave too
     */
    public static SwarmResetPlan reset(SwarmFacts facts, boolean force, HostSubset subset) {
        List<Finding> blockers = new ArrayList<>();
        Optional<ClusterView> cluster = facts.cluster();
        List<SwarmResetPlan.Leave> workers = new ArrayList<>();
        List<SwarmResetPlan.Leave> managers = new ArrayList<>();
        List<SwarmResetPlan.Stay> staying = new ArrayList<>();
        for (HostView h : facts.hosts()) {
            if (!subset.contains(h.name())) {
                staying.add(new SwarmResetPlan.Stay(h.name(), OUTSIDE + ": stays in the swarm"));
                continue;
            }
            Optional<SwarmResetPlanner.Member> member = SwarmResetPlanner.member(h, cluster, force, blockers, staying);
            if (member.isEmpty()) {
                continue;
            }
            NodeInfo info = member.get().info();
            boolean ours = member.get().ours();
            if (!ours) {
                (info.controlAvailable() ? managers : workers).add(new SwarmResetPlan.Leave(h.name(), "", false, true,
                        "in another swarm: leaves with force"));
            } else if (info.controlAvailable()) {
                managers.add(new SwarmResetPlan.Leave(h.name(), info.nodeId(), true, false,
                        "manager: demoted to worker first, then leaves; its node is removed"));
            } else {
                workers.add(new SwarmResetPlan.Leave(h.name(), info.nodeId(), false, false,
                        "worker: leaves; its node is removed"));
            }
        }
        String talker = "";
        if (cluster.isPresent()) {
            talker = managerThatStays(facts, cluster.get(), subset).orElse("");
            Set<String> leavingIds = managers.stream().map(SwarmResetPlan.Leave::nodeId).filter(id -> !id.isEmpty())
                    .collect(Collectors.toSet());
            quorumProblem(cluster.get().nodes(), leavingIds, talker).ifPresent(why ->
                    blockers.add(Finding.onHost(cluster.get().managerHost(), "swarm.quorum", why)));
        }
        List<SwarmResetPlan.Leave> leaves = new ArrayList<>(workers);
        leaves.addAll(managers);
        return new SwarmResetPlan(talker, List.of(), leaves, staying, blockers, true);
    }

    /** A reachable manager of this swarm outside the subset: it demotes and removes the leaving nodes. */
    private static Optional<String> managerThatStays(SwarmFacts facts, ClusterView cluster, HostSubset subset) {
        if (!subset.contains(cluster.managerHost())) {
            return Optional.of(cluster.managerHost());
        }
        return facts.hosts().stream().filter(h -> !subset.contains(h.name()))
                .filter(h -> h.info().map(i -> i.controlAvailable() && i.state() == LocalState.ACTIVE
                        && cluster.node(i.nodeId()).isPresent()).orElse(false))
                .map(HostView::name).findFirst();
    }

    /**
     * Why removing the managers {@code leaving} would break the swarm, or empty. Raft needs a
     * majority of its managers to agree to each demotion, and a majority of those that remain
     * afterwards to go on.
     */
    static Optional<String> quorumProblem(List<SwarmNode> nodes, Set<String> leaving, String talker) {
        List<SwarmNode> all = nodes.stream().filter(n -> n.role().equals("manager")).toList();
        List<SwarmNode> remaining = all.stream().filter(n -> !leaving.contains(n.id())).toList();
        long reachableNow = all.stream().filter(n -> n.reachability().equals("reachable")).count();
        long reachableAfter = remaining.stream().filter(n -> n.reachability().equals("reachable")).count();
        if (remaining.isEmpty() || talker.isEmpty()) {
            return Optional.of("removing " + (leaving.isEmpty() ? "these hosts" : leaving.size() + " of its " + all.size()
                    + " manager(s)") + " would leave the swarm without a reachable manager outside --hosts; keep one"
                    + " (promote a worker first: docker node promote), or reset every host (without --hosts)");
        }
        if (!leaving.isEmpty() && reachableNow < all.size() / 2 + 1) {
            return Optional.of("only " + reachableNow + " of its " + all.size() + " managers are reachable: without a"
                    + " majority the swarm cannot demote one; bring the others back first");
        }
        if (reachableAfter < remaining.size() / 2 + 1) {
            return Optional.of("after removing " + leaving.size() + " manager(s), " + reachableAfter + " of the "
                    + remaining.size() + " that remain are reachable, not a majority: the swarm would lose its quorum;"
                    + " bring the unreachable managers back (or remove them) first");
        }
        return Optional.empty();
    }
}
