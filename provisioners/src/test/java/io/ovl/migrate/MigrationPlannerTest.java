package io.ovl.migrate;

import io.ovl.addressing.IpamPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import io.ovl.facts.Fact;
import io.ovl.net.NetReadout;
import io.ovl.net.OverlayNetwork;
import io.ovl.kvmode.HostPlan;
import io.ovl.swarm.ClusterView;
import io.ovl.swarm.HostView;
import io.ovl.swarm.SwarmFacts;
import io.ovl.swarm.SwarmStep;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.SwarmSettings;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The pure migration planner over facts made of captured real answers ({@link CapturedKv}: a fake of
 * the host readout). Where a test needs a state that was not captured, it says which field of a
 * captured answer it changed.
 */
class MigrationPlannerTest {
    private static final Topology SWARM = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
            Optional.empty(), List.of(CapturedKv.H1, CapturedKv.H2, CapturedKv.H3), List.of());

    @Test
    void theKvLabIsPlannedAsDropInRemovalThenSwarmInitThenLabnetWithItsAddressing() {
        MigrationPlan plan = MigrationPlanner.plan(SWARM, CapturedKv.kvLab(), false);

        assertEquals(List.of(), plan.blockers());
        assertEquals(List.of("migx-h2", "migx-h3"), plan.kvReset().hosts().stream().filter(HostPlan::changesSomething)
                .map(HostPlan::host).toList());
        assertEquals(List.of("migx-h1 INIT", "migx-h2 JOIN", "migx-h3 JOIN"), plan.swarm().hosts().stream()
                .map(s -> s.host() + " " + s.action()).toList());
        assertEquals(Optional.of("etcd://198.19.116.11:2379/network"), plan.inventory().clusterStore());
        CarriedNetwork labnet = plan.networks().get(0);
        assertEquals(1, plan.networks().size());
        assertTrue(labnet.fromKv());
        NetworkSpec s = labnet.spec();
        assertEquals(List.of(new IpamPool(Prefix.parse("172.16.16.0/24"), Optional.of(Prefix.parse("172.16.16.128/25")),
                Optional.of(IpAddress.parse("172.16.16.1")), Map.of("ip2", IpAddress.parse("172.16.16.2")))), s.pools());
        assertEquals(Map.of("ip2", IpAddress.parse("172.16.16.2")), s.auxAddresses());
        assertTrue(s.attachable());
        assertEquals(List.of(Optional.of("migx-h1")), plan.swarm().networks().stream().map(n -> n.createOn()).toList());
        // aux-address .2 lies outside the ip-range: swarm drops it, but never hands it out: said, not blocked.
        assertEquals(1, labnet.notKept().size());
        assertTrue(labnet.notKept().get(0).contains("outside 172.16.16.128/25"), labnet.notKept().get(0));
        assertEquals(List.of(new Reconnect("migx-h2", "web2", List.of(new Attachment("migx-h2", "web2", "labnet",
                "172.16.16.128")))), plan.reconnects());
        assertFalse(plan.nothingToDo());
        assertEquals(List.of(CapturedKv.H2.name()), plan.restartsStoppingContainers().stream().map(HostPlan::host).toList());
    }

    @Test
    void theReconnectCommandsDropTheStaleEndpointAttachWithTheOldAddressThenStart() {
        Reconnect r = new Reconnect("h2", "web2", List.of(new Attachment("h2", "web2", "labnet", "172.16.16.128"),
                new Attachment("h2", "web2", "other", "")));

        assertEquals(List.of(
                List.of("docker", "network", "disconnect", "--force", "labnet", "web2"),
                List.of("docker", "network", "connect", "--ip", "172.16.16.128", "labnet", "web2"),
                List.of("docker", "network", "disconnect", "--force", "other", "web2"),
                List.of("docker", "network", "connect", "other", "web2"),
                List.of("docker", "start", "web2")), r.commands());
    }

    @Test
    void anAuxAddressInsideTheHandedOutRangeBlocksUnlessAccepted() {
        // labnet as captured on h2, without its ip-range: swarm would hand out the whole subnet, .2 included.
        MigrationFacts facts = withH2Network(n -> new OverlayNetwork(n.name(), n.id(), n.driver(), n.scope(), n.internal(),
                n.attachable(), List.of(new OverlayNetwork.Ipam(n.ipam().get(0).subnet(), Optional.empty(),
                n.ipam().get(0).gateway(), n.ipam().get(0).auxAddresses())), n.options(), n.labels(), n.endpoints()));

        MigrationPlan blocked = MigrationPlanner.plan(SWARM, facts, false);
        assertEquals(List.of("topology network.labnet.aux-addresses"), checks(blocked.blockers()));
        assertTrue(blocked.blockers().get(0).message().contains("--accept-aux-loss"), blocked.blockers().get(0).message());

        MigrationPlan accepted = MigrationPlanner.plan(SWARM, facts, true);
        assertEquals(List.of(), accepted.blockers());
        assertTrue(accepted.warnings().stream().anyMatch(w -> w.contains("[ip2=172.16.16.2]")), accepted.warnings().toString());
    }

    @Test
    void aKvNetworksDriverOptionsAreCarriedAllButTheOnesOvlModelsAndTheVxlanId() {
        // labnet as captured on h2, with driver options it was not created with.
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("encrypted", "");
        options.put("com.docker.network.driver.mtu", "1400");
        options.put("com.docker.network.driver.overlay.vxlanid_list", "4097");
        options.put("com.example.opt", "x");
        MigrationFacts facts = withH2Network(n -> new OverlayNetwork(n.name(), n.id(), n.driver(), n.scope(), n.internal(),
                n.attachable(), n.ipam(), options, n.labels(), n.endpoints()));

        CarriedNetwork labnet = MigrationPlanner.plan(SWARM, facts, false).networks().get(0);
        assertTrue(labnet.spec().encrypted());
        assertEquals(OptionalInt.of(1400), labnet.spec().mtu());
        assertEquals(Map.of("com.example.opt", "x"), labnet.spec().options());
        assertTrue(labnet.notKept().stream().noneMatch(l -> l.contains("driver option")), labnet.notKept().toString());
    }

    @Test
    void aKvSubnetOnSwarmsIngressBlocksUntilTheTopologyMovesTheAddressPool() {
        // labnet as captured on h2, but in 10.0.0.0/24 (where Docker puts a kv network created without a subnet).
        MigrationFacts facts = withH2Network(n -> new OverlayNetwork(n.name(), n.id(), n.driver(), n.scope(), n.internal(),
                n.attachable(), List.of(new OverlayNetwork.Ipam("10.0.0.0/24", Optional.empty(), Optional.of("10.0.0.1"),
                Map.of())), n.options(), n.labels(), n.endpoints()));

        MigrationPlan blocked = MigrationPlanner.plan(SWARM, facts, false);
        assertEquals(List.of("topology network.labnet"), checks(blocked.blockers()));
        assertTrue(blocked.blockers().get(0).message().contains("10.0.0.0/24 of the swarm's ingress network"),
                blocked.blockers().get(0).message());

        Topology pool = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
                Optional.of(new SwarmSettings(SwarmSettings.DEFAULT_DATA_PATH_PORT, List.of(Prefix.parse("10.20.0.0/16")))),
                SWARM.hosts(), List.of());
        assertEquals(List.of(), MigrationPlanner.plan(pool, facts, false).blockers());
    }

    @Test
    void aClusterStoreThatIsNotOvlsBlocksWithWhereToRemoveIt() {
        // h3 reports h2's captured info (cluster-store set) but has no drop-in.
        MigrationFacts facts = new MigrationFacts(List.of(CapturedKv.storeHost(), CapturedKv.kvHost("migx-h2", 1),
                CapturedKv.state("migx-h3", Optional.empty(), CapturedKv.kvInfo(), 0)), CapturedKv.kvReadout(), Map.of(),
                CapturedKv.kvSwarmFacts());

        MigrationPlan plan = MigrationPlanner.plan(SWARM, facts, false);

        assertEquals(List.of("migx-h3 engine.cluster-store"), checks(plan.blockers()));
        assertTrue(plan.blockers().get(0).message().contains("daemon.json or the docker unit"));
    }

    @Test
    void aTopologyNetworkOfTheSameNameWithOtherAddressingBlocks() {
        Topology other = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                SWARM.hosts(), List.of(NetworkSpec.of("labnet", Prefix.parse("172.16.17.0/24"))));

        MigrationPlan plan = MigrationPlanner.plan(other, CapturedKv.kvLab(), false);

        assertEquals(List.of("topology network.labnet"), checks(plan.blockers()));
        assertTrue(plan.blockers().get(0).message().contains("subnet 172.16.17.0/24"), plan.blockers().get(0).message());
    }

    @Test
    void aTopologyNetworkNotInKvIsCreatedAsInitWould() {
        NetworkSpec web = new NetworkSpec("web", List.of(IpamPool.of(Prefix.parse("172.16.40.0/24"))), false, true, false, OptionalInt.empty(), Map.of());
        Topology withWeb = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                SWARM.hosts(), List.of(web));

        MigrationPlan plan = MigrationPlanner.plan(withWeb, CapturedKv.kvLab(), false);

        assertEquals(List.of("labnet true", "web false"), plan.networks().stream().map(n -> n.name() + " " + n.fromKv())
                .toList());
        assertEquals(List.of(), plan.blockers());
    }

    @Test
    void aRunCutShortAfterTheRestartsIsFinishedFromTheSavedInventory() {
        // The hosts after the drop-ins went: no drop-in, no cluster-store, no kv network listed, not in a swarm;
        // the inventory the first run saved is on h2 (captured from a real run).
        KvInventory saved = KvInventory.parse(CapturedKv.read("/migrate/kv-migration-saved.json"));
        NetReadout none = new NetReadout(List.of("migx-h1", "migx-h2", "migx-h3"), Map.of("migx-h1", Fact.known(List.of()),
                "migx-h2", Fact.known(List.of()), "migx-h3", Fact.known(List.of())));
        NodeInfo plain = NodeInfo.parse(CapturedKv.storeHostInfo());
        SwarmFacts swarm = new SwarmFacts(List.of(HostView.read(CapturedKv.H1, SwarmRole.MANAGER, plain),
                HostView.read(CapturedKv.H2, SwarmRole.WORKER, plain), HostView.read(CapturedKv.H3, SwarmRole.WORKER, plain)),
                Optional.empty());
        MigrationFacts facts = new MigrationFacts(List.of(CapturedKv.storeHost(), plainHost("migx-h2"), plainHost("migx-h3")),
                none, Map.of("migx-h2", Fact.known(Optional.of(saved)), "migx-h3", Fact.known(Optional.empty())), swarm);

        MigrationPlan plan = MigrationPlanner.plan(SWARM, facts, false);

        assertEquals(List.of(), plan.blockers());
        assertTrue(plan.kvReset().hosts().stream().noneMatch(HostPlan::changesSomething));
        assertEquals(List.of("extra", "labnet"), plan.networks().stream().map(CarriedNetwork::name).toList());
        CarriedNetwork extra = plan.networks().get(0);
        assertEquals(OptionalInt.of(1400), extra.spec().mtu());
        assertEquals(Map.of("team", "a"), extra.spec().labels());
        assertEquals(Optional.of(IpAddress.parse("172.16.30.254")), extra.spec().pools().get(0).gateway());
        assertEquals(List.of("migx-h2 web2"), plan.reconnects().stream().map(r -> r.host() + " " + r.container()).toList());
        assertEquals(List.of(SwarmStep.Action.INIT, SwarmStep.Action.JOIN, SwarmStep.Action.JOIN),
                plan.swarm().hosts().stream().map(SwarmStep::action).toList());
    }

    @Test
    void aFinishedMigrationHasNothingToDo() {
        // Two hosts of a swarm captured on Engine 26 (manager and worker), the networks as the manager of the
        // migrated lab listed them, and the saved inventory: all of it is already done.
        Topology two = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(CapturedKv.H1, CapturedKv.H2), List.of());
        NodeInfo manager = NodeInfo.parse(CapturedKv.read("/swarm/info-26-manager.json"));
        NodeInfo worker = NodeInfo.parse(CapturedKv.read("/swarm/info-26-worker.json"));
        List<SwarmNetwork> networks = SwarmNetwork.parseList(CapturedKv.read("/migrate/swarm-networks-h1-20.10.json"));
        ClusterView cluster = new ClusterView("migx-h1", manager.clusterId().orElseThrow(), true,
                SwarmNode.parseList(CapturedKv.read("/swarm/nodes-26.json")), networks);
        SwarmFacts swarm = new SwarmFacts(List.of(HostView.read(CapturedKv.H1, SwarmRole.MANAGER, manager),
                HostView.read(CapturedKv.H2, SwarmRole.WORKER, worker)), Optional.of(cluster));
        KvInventory saved = KvInventory.parse(CapturedKv.read("/migrate/kv-migration-saved.json"));
        MigrationFacts facts = new MigrationFacts(List.of(plainHost("migx-h1"), plainHost("migx-h2")),
                new NetReadout(List.of("migx-h1", "migx-h2"), Map.of("migx-h1", Fact.known(List.of()), "migx-h2",
                        Fact.known(List.of()))), Map.of("migx-h1", Fact.known(Optional.of(saved))), swarm);

        MigrationPlan plan = MigrationPlanner.plan(two, facts, false);

        assertEquals(List.of(), plan.blockers());
        assertTrue(plan.nothingToDo(), plan.toString());
        // web2 was not looked up: it is still listed to reconnect.
        assertEquals(List.of("migx-h2 web2"), plan.reconnects().stream().map(r -> r.host() + " " + r.container()).toList());

        // web2 as captured after the reconnect commands, with its labnet ID changed to the one this manager lists.
        String reconnected = CapturedKv.read("/migrate/container-networks-web2-swarm-20.10.json")
                .replace("g2az5t1d5vuut0ut1iker147c", "c6w7690y1v4n8esphouqrvphw");
        MigrationFacts after = new MigrationFacts(facts.kv(), facts.networks(), facts.saved(), swarm,
                Map.of(MigrationFacts.key("migx-h2", "web2"), Fact.known(Optional.of(ContainerNetworks.parse(reconnected)))));
        assertEquals(List.of(), MigrationPlanner.plan(two, after, false).reconnects());

        // Still configured for the kv network (captured before the migration): still to reconnect.
        MigrationFacts notYet = new MigrationFacts(facts.kv(), facts.networks(), facts.saved(), swarm,
                Map.of(MigrationFacts.key("migx-h2", "web2"), Fact.known(Optional.of(ContainerNetworks.parse(
                        CapturedKv.read("/migrate/container-networks-web2-kv-20.10.json"))))));
        assertEquals(1, MigrationPlanner.plan(two, notYet, false).reconnects().size());

        // Removed since: nothing to reconnect, and the plan says so.
        MigrationFacts gone = new MigrationFacts(facts.kv(), facts.networks(), facts.saved(), swarm,
                Map.of(MigrationFacts.key("migx-h2", "web2"), Fact.known(Optional.empty())));
        MigrationPlan goneplan = MigrationPlanner.plan(two, gone, false);
        assertEquals(List.of(), goneplan.reconnects());
        assertTrue(goneplan.warnings().stream().anyMatch(w -> w.startsWith("container web2 on migx-h2")),
                goneplan.warnings().toString());
    }

    @Test
    void aContainersNetworksReadAsNameToNetworkId() {
        assertEquals(Map.of("labnet", "932978e669889326e284bae996d85e40f6670703ca06f19d030bf4f24b3b8b52"),
                ContainerNetworks.parse(CapturedKv.read("/migrate/container-networks-web2-kv-20.10.json")));
    }

    @Test
    void aKvTopologyIsNotAMigrationTarget() {
        Topology kv = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                SWARM.hosts(), List.of());
        assertThrows(IllegalArgumentException.class, () -> MigrationPlanner.plan(kv, CapturedKv.kvLab(), false));
    }

    private static io.ovl.kvmode.HostState plainHost(String name) {
        return CapturedKv.state(name, Optional.empty(), CapturedKv.storeHostInfo(), 0);
    }

    /** The kv lab's facts with h2's and h3's labnet changed by {@code change}. */
    private static MigrationFacts withH2Network(java.util.function.UnaryOperator<OverlayNetwork> change) {
        NetReadout r = CapturedKv.kvReadout();
        Map<String, Fact<List<OverlayNetwork>>> m = new java.util.LinkedHashMap<>();
        for (String h : r.hosts()) {
            m.put(h, Fact.known(r.networks().get(h).value().orElseThrow().stream()
                    .map(n -> n.name().equals("labnet") ? change.apply(n) : n).toList()));
        }
        MigrationFacts kv = CapturedKv.kvLab();
        return new MigrationFacts(kv.kv(), new NetReadout(r.hosts(), m), kv.saved(), kv.swarm());
    }

    private static List<String> checks(List<Finding> blockers) {
        return blockers.stream().map(b -> b.host() + " " + b.subject()).toList();
    }
}
