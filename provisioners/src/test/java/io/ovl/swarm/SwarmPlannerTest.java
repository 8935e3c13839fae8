package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The init and reset planners over facts made of captured real answers ({@link Captured}): the
 * planners are pure, so no host is involved. Where a test needs a state not captured (a swarm
 * without ovl's label), it says which field of a captured answer it changed.
 */
class SwarmPlannerTest {
    private static final Host H1 = Host.of("h1", "198.18.244.11");
    private static final Host H2 = Host.of("h2", "198.18.244.12");
    private static final Host H3 = Host.of("h3", "198.18.244.13");
    private static final NetworkSpec LABNET = NetworkSpec.of("labnet", Prefix.parse("172.16.16.0/24"));
    private static final Topology TOPOLOGY = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
            Optional.empty(), List.of(H1, H2, H3), List.of(LABNET));

    @Test
    void freshHostsGetInitOnTheFirstManagerThenJoinsAndTheNetworkOnTheManager() {
        SwarmFacts facts = facts(Optional.empty(), Captured.inactive26(), Captured.inactive26(), Captured.inactive2010());

        SwarmPlan plan = SwarmPlanner.plan(TOPOLOGY, facts, false);

        assertEquals(List.of(), plan.blockers());
        assertEquals("h1", plan.manager());
        assertEquals(List.of("h1 INIT", "h2 JOIN", "h3 JOIN"), steps(plan));
        assertEquals(List.of(Optional.of("h1")), plan.networks().stream().map(n -> n.createOn()).toList());
        assertEquals(List.of(), plan.warnings());
        assertFalse(plan.nothingToDo());
    }

    @Test
    void hostsAlreadyInThisSwarmAreLeftAloneAndOnlyTheNewOneJoins() {
        SwarmFacts facts = facts(Optional.of(cluster(true, List.of())), Captured.manager26(), Captured.worker26(),
                Captured.inactive26());

        SwarmPlan plan = SwarmPlanner.plan(TOPOLOGY, facts, false);

        assertEquals(List.of(), plan.blockers());
        assertEquals(Optional.of(Captured.CLUSTER), plan.clusterId());
        assertEquals(List.of("h1 NONE", "h2 NONE", "h3 JOIN"), steps(plan));
    }

    @Test
    void aHostInAnotherSwarmBlocksUnlessForceWhichMakesItLeaveFirst() {
        // h3 reports the captured worker's answer, but its node ID is not in h1's swarm.
        NodeInfo elsewhere = withNodeId(Captured.worker26(), "zzzzzzzzzzzzzzzzzzzzzzzzz");
        SwarmFacts facts = facts(Optional.of(cluster(true, List.of())), Captured.manager26(), Captured.worker26(), elsewhere);

        assertEquals(List.of("h3 swarm.other"), blockers(SwarmPlanner.plan(TOPOLOGY, facts, false).blockers()));
        SwarmPlan forced = SwarmPlanner.plan(TOPOLOGY, facts, true);
        assertEquals(List.of(), forced.blockers());
        SwarmStep h3 = forced.hosts().get(2);
        assertEquals(SwarmStep.Action.JOIN, h3.action());
        assertTrue(h3.leaveFirst());
    }

    @Test
    void aClusterStoreBlocksWithWhatToDo() {
        SwarmFacts facts = facts(Optional.empty(), Captured.inactive26(), Captured.clusterStore2010(), Captured.inactive26());

        List<Finding> blockers = SwarmPlanner.plan(TOPOLOGY, facts, false).blockers();

        assertEquals(List.of("h2 engine.cluster-store"), blockers(blockers));
        assertTrue(blockers.get(0).message().contains("etcd://198.18.252.250:2379/network"), blockers.get(0).message());
        assertTrue(blockers.get(0).message().contains("ovl reset"), blockers.get(0).message());
        assertEquals(List.of(), SwarmPlanner.plan(TOPOLOGY, facts, true).blockers());
    }

    @Test
    void aSwarmOvlDidNotCreateIsAdoptedOnlyWithForce() {
        SwarmFacts facts = facts(Optional.of(cluster(false, List.of())), Captured.manager26(), Captured.worker26(),
                Captured.inactive26());

        assertEquals(List.of("h1 swarm.not-ovl"), blockers(SwarmPlanner.plan(TOPOLOGY, facts, false).blockers()));
        assertEquals(List.of(), SwarmPlanner.plan(TOPOLOGY, facts, true).blockers());
    }

    @Test
    void aWorkerTheTopologyWantsAsManagerIsABlockerNamingTheCommand() {
        Host h2Manager = new Host("h2", "198.18.244.12", true, Optional.empty(), Optional.of(SwarmRole.MANAGER),
                SshSettings.DEFAULTS);
        Topology t = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(H1, h2Manager, H3), List.of());
        SwarmFacts facts = new SwarmFacts(List.of(
                HostView.read(H1, SwarmRole.MANAGER, Captured.manager26()),
                HostView.read(h2Manager, SwarmRole.MANAGER, Captured.worker26()),
                HostView.read(H3, SwarmRole.WORKER, Captured.inactive26())), Optional.of(cluster(true, List.of())));

        SwarmPlan plan = SwarmPlanner.plan(t, facts, false);

        assertEquals(List.of("h2 swarm.role"), blockers(plan.blockers()));
        assertTrue(plan.blockers().get(0).message().contains("docker node promote " + Captured.WORKER_NODE));
        // Two managers: a warning, not a blocker.
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).startsWith("2 managers"), plan.warnings().get(0));
    }

    @Test
    void anExistingNetworkWithAnotherSubnetIsABlockerAndTheSameOneIsNoChange() {
        SwarmNetwork same = new SwarmNetwork("n1", "labnet", "overlay", "swarm", List.of("172.16.16.0/24"), true, false,
                List.of());
        SwarmNetwork other = new SwarmNetwork("n1", "labnet", "overlay", "swarm", List.of("10.0.1.0/24"), true, false,
                List.of());
        SwarmFacts ok = facts(Optional.of(cluster(true, List.of(same))), Captured.manager26(), Captured.worker26(),
                Captured.inactive26());
        SwarmFacts clash = facts(Optional.of(cluster(true, List.of(other))), Captured.manager26(), Captured.worker26(),
                Captured.inactive26());

        assertEquals(List.of(Optional.empty()), SwarmPlanner.plan(TOPOLOGY, ok, false).networks().stream()
                .map(n -> n.createOn()).toList());
        List<Finding> blockers = SwarmPlanner.plan(TOPOLOGY, clash, false).blockers();
        assertEquals(List.of("h1 network.labnet"), blockers(blockers));
        assertTrue(blockers.get(0).message().contains("10.0.1.0/24"), blockers.get(0).message());
    }

    @Test
    void resetRemovesTheNetworkThenWorkersLeaveThenTheManagerLastWithForce() {
        SwarmNetwork labnet = new SwarmNetwork("n1", "labnet", "overlay", "swarm", List.of("172.16.16.0/24"), true,
                false, List.of());
        SwarmFacts facts = facts(Optional.of(cluster(true, List.of(labnet))), Captured.manager26(), Captured.worker26(),
                Captured.inactive26());

        SwarmResetPlan plan = SwarmResetPlanner.plan(TOPOLOGY, facts, false);

        assertEquals(List.of(), plan.blockers());
        assertEquals(List.of("labnet"), plan.removeNetworks());
        assertEquals(List.of("h2 false", "h1 true"), plan.leaves().stream().map(l -> l.host() + " " + l.force()).toList());
        assertEquals(List.of("h3"), plan.staying().stream().map(SwarmResetPlan.Stay::host).toList());
    }

    /**
     * Four hosts: h1 manager (answers for the swarm), h2 manager, h3 worker, h4 manager. h2 and h4
     * are the captured manager's info with another node ID, listed as managers of the cluster (a
     * capture of three managers' infos would differ only in these IDs).
     */
    @Test
    void resetLetsWorkersLeaveThenDemotesEveryOtherManagerBeforeItLeavesAndTheLastManagerForces() {
        Host h4 = Host.of("h4", "198.18.244.14");
        Topology topology = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(H1, withRole(H2, SwarmRole.MANAGER), H3, withRole(h4, SwarmRole.MANAGER)), List.of(LABNET));
        List<SwarmNode> nodes = new java.util.ArrayList<>(Captured.nodes26());
        nodes.add(new SwarmNode("node-h2", "h2", "198.18.244.12", "manager", "active", "ready", "reachable", "26.1.5"));
        nodes.add(new SwarmNode("node-h4", "h4", "198.18.244.14", "manager", "active", "ready", "reachable", "26.1.5"));
        ClusterView cluster = new ClusterView("h1", Captured.CLUSTER, true, nodes, List.of());
        SwarmFacts facts = new SwarmFacts(List.of(
                HostView.read(H1, SwarmRole.MANAGER, Captured.manager26()),
                HostView.read(H2, SwarmRole.MANAGER, withNodeId(Captured.manager26(), "node-h2")),
                HostView.read(H3, SwarmRole.WORKER, Captured.worker26()),
                HostView.read(h4, SwarmRole.MANAGER, withNodeId(Captured.manager26(), "node-h4"))), Optional.of(cluster));

        SwarmResetPlan plan = SwarmResetPlanner.plan(topology, facts, false);

        assertEquals(List.of(), plan.blockers());
        assertEquals("h1", plan.manager());
        assertEquals(List.of("h3 leave", "h2 demote node-h2, leave", "h4 demote node-h4, leave", "h1 leave --force"),
                plan.leaves().stream().map(l -> l.host() + (l.demoteFirst() ? " demote " + l.nodeId() + "," : "")
                        + " leave" + (l.force() ? " --force" : "")).toList());
        assertTrue(plan.leaves().get(1).why().contains("demoted to worker on h1"), plan.leaves().get(1).why());
    }

    @Test
    void aManagerOfAnotherSwarmIsNotDemotedButLeavesWithForceWhenForced() {
        SwarmFacts facts = facts(Optional.of(cluster(true, List.of())), Captured.manager26(), Captured.worker26(),
                withNodeId(Captured.manager26(), "elsewhere"));

        SwarmResetPlan plan = SwarmResetPlanner.plan(TOPOLOGY, facts, true);

        assertEquals(List.of("h2 false false", "h3 false true", "h1 false true"), plan.leaves().stream()
                .map(l -> l.host() + " " + l.demoteFirst() + " " + l.force()).toList());
    }

    private static Host withRole(Host h, SwarmRole role) {
        return new Host(h.name(), h.address(), h.overlay(), h.advertise(), Optional.of(role), h.ssh());
    }

    @Test
    void resetOfASwarmOvlDidNotCreateNeedsForce() {
        SwarmFacts facts = facts(Optional.of(cluster(false, List.of())), Captured.manager26(), Captured.worker26(),
                Captured.inactive26());

        assertEquals(List.of("h1 swarm.not-ovl"), blockers(SwarmResetPlanner.plan(TOPOLOGY, facts, false).blockers()));
        assertEquals(List.of(), SwarmResetPlanner.plan(TOPOLOGY, facts, true).blockers());
    }

    @Test
    void resetWithNoHostInASwarmHasNothingToDo() {
        SwarmFacts facts = facts(Optional.empty(), Captured.inactive26(), Captured.inactive26(), Captured.inactive2010());
        assertTrue(SwarmResetPlanner.plan(TOPOLOGY, facts, false).nothingToDo());
    }

    private static ClusterView cluster(boolean marked, List<SwarmNetwork> networks) {
        return new ClusterView("h1", Captured.CLUSTER, marked, Captured.nodes26(), networks);
    }

    private static SwarmFacts facts(Optional<ClusterView> cluster, NodeInfo h1, NodeInfo h2, NodeInfo h3) {
        return new SwarmFacts(List.of(HostView.read(H1, SwarmRole.MANAGER, h1), HostView.read(H2, SwarmRole.WORKER, h2),
                HostView.read(H3, SwarmRole.WORKER, h3)), cluster);
    }

    private static NodeInfo withNodeId(NodeInfo i, String id) {
        return new NodeInfo(i.serverVersion(), i.state(), id, i.nodeAddr(), i.controlAvailable(), i.clusterId(),
                i.clusterLabels(), i.remoteManagers(), i.error(), i.clusterStore());
    }

    private static List<String> steps(SwarmPlan plan) {
        return plan.hosts().stream().map(s -> s.host() + " " + s.action()).toList();
    }

    private static List<String> blockers(List<Finding> blockers) {
        return blockers.stream().map(b -> b.host() + " " + b.subject()).collect(Collectors.toList());
    }

}
