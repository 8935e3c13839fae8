package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.change.NetworkStep;
import io.ovl.core.Finding;
import io.ovl.docker.LocalState;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNode;
import io.ovl.topology.Host;
import io.ovl.topology.HostSubset;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SwarmRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * init and reset on a few hosts, over facts written by hand (pure logic: no host). A swarm of
 * managers m1, m2, m3 and worker w1, as a manager's node list and each engine's info say.
 */
class SwarmSubsetTest {
    private static final String CLUSTER = "c1";

    @Test
    void aWorkerLeavesAndItsNodeIsRemovedOnTheManagerTheRunTalksTo() {
        SwarmResetPlan plan = SwarmSubset.reset(swarm(node("m3", "reachable")), false, subset("w1"));

        assertEquals(List.of(), plan.blockers());
        assertEquals("m1", plan.manager());
        assertEquals(List.of("w1"), plan.leaves().stream().map(SwarmResetPlan.Leave::host).toList());
        assertEquals(List.of(), plan.removeNetworks());
        assertTrue(plan.removeNodes());
        assertEquals(List.of("m1", "m2", "m3"), plan.staying().stream().map(SwarmResetPlan.Stay::host).toList());
    }

    @Test
    void theManagerTheRunTalksToLeavingIsDemotedOnAnotherThatStays() {
        SwarmResetPlan plan = SwarmSubset.reset(swarm(node("m3", "reachable")), false, subset("m1"));

        assertEquals(List.of(), plan.blockers());
        assertEquals("m2", plan.manager());
        SwarmResetPlan.Leave leave = plan.leaves().get(0);
        assertEquals("m1", leave.host());
        assertTrue(leave.demoteFirst() && !leave.force(), leave.toString());
    }

    @Test
    void removingEveryManagerIsRefused() {
        SwarmResetPlan plan = SwarmSubset.reset(swarm(node("m3", "reachable")), false, subset("m1", "m2", "m3"));

        assertEquals(List.of("swarm.quorum"), plan.blockers().stream().map(Finding::subject).toList());
        assertTrue(plan.blockers().get(0).message().contains("without a reachable manager"), plan.blockers().toString());
    }

    @Test
    void removingAManagerWhileTheRestCannotKeepAMajorityIsRefused() {
        // m3 is unreachable: removing m2 leaves m1 and m3, one of two reachable, no majority.
        SwarmResetPlan plan = SwarmSubset.reset(swarm(node("m3", "unreachable")), false, subset("m2"));

        assertEquals(List.of("swarm.quorum"), plan.blockers().stream().map(Finding::subject).toList());
        assertTrue(plan.blockers().get(0).message().contains("1 of the 2 that remain are reachable"),
                plan.blockers().toString());
    }

    @Test
    void quorumOfThreeKeptWhenOneOfThemIsRemoved() {
        List<SwarmNode> nodes = List.of(node("m1", "reachable"), node("m2", "reachable"), node("m3", "reachable"));
        assertEquals(Optional.empty(), SwarmSubset.quorumProblem(nodes, Set.of("id-m2"), "m1"));
        assertEquals(Optional.empty(), SwarmSubset.quorumProblem(nodes, Set.of("id-m2", "id-m3"), "m1"));
    }

    @Test
    void initOnAFewHostsLeavesTheOthersAndNeedsTheFirstManagerWhenThereIsNoSwarm() {
        NetworkSpec net = NetworkSpec.of("labnet", Prefix.parse("172.16.16.0/24"));
        SwarmPlan full = new SwarmPlan(Optional.empty(), "m1", List.of(
                new SwarmStep("m1", SwarmRole.MANAGER, SwarmStep.Action.INIT, false, "starts the swarm"),
                new SwarmStep("w1", SwarmRole.WORKER, SwarmStep.Action.JOIN, false, "joins")),
                List.of(new NetworkStep(net, List.of(), Optional.of("m1"))), List.of(), List.of());

        SwarmPlan onW1 = SwarmSubset.init(full, subset("w1"));
        assertEquals(List.of("swarm.outside-hosts"), onW1.blockers().stream().map(Finding::subject).toList());
        assertEquals(SwarmStep.Action.NONE, onW1.hosts().get(0).action());
        assertEquals(Optional.empty(), onW1.networks().get(0).createOn());

        SwarmPlan onM1 = SwarmSubset.init(full, subset("m1"));
        assertEquals(List.of(), onM1.blockers());
        assertEquals(SwarmStep.Action.INIT, onM1.hosts().get(0).action());
        assertEquals(SwarmStep.Action.NONE, onM1.hosts().get(1).action());
        assertTrue(onM1.hosts().get(1).why().startsWith("outside --hosts: left as is (would: joins"), onM1.hosts().get(1).why());
        assertEquals(Optional.of("m1"), onM1.networks().get(0).createOn());
    }

    private static HostSubset subset(String... names) {
        return new HostSubset(Set.of(names), false);
    }

    /** m1 (answers for the swarm), m2, m3 managers and w1 worker; {@code m3} as given. */
    private static SwarmFacts swarm(SwarmNode m3) {
        List<SwarmNode> nodes = List.of(node("m1", "reachable"), node("m2", "reachable"), m3,
                new SwarmNode("id-w1", "w1", "198.18.0.14", "worker", "active", "ready", "", "26.1.5"));
        ClusterView cluster = new ClusterView("m1", CLUSTER, true, nodes, List.of());
        List<HostView> hosts = List.of(view("m1", SwarmRole.MANAGER, true), view("m2", SwarmRole.MANAGER, true),
                view("m3", SwarmRole.MANAGER, true), view("w1", SwarmRole.WORKER, false));
        return new SwarmFacts(hosts, Optional.of(cluster));
    }

    private static SwarmNode node(String host, String reachability) {
        return new SwarmNode("id-" + host, host, "198.18.0.1", "manager", "active", "ready", reachability, "26.1.5");
    }

    private static HostView view(String name, SwarmRole role, boolean manager) {
        NodeInfo info = new NodeInfo("26.1.5", LocalState.ACTIVE, "id-" + name, "198.18.0.1", manager, Optional.of(CLUSTER),
                Map.of(), List.of(), "", Optional.empty());
        return HostView.read(Host.of(name, "198.18.0.1"), role, info);
    }
}
