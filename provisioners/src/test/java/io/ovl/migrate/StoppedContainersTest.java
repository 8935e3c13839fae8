package io.ovl.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.docker.NodeInfo;
import io.ovl.facts.Fact;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.net.NetReadout;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.swarm.HostView;
import io.ovl.swarm.SwarmFacts;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stopped containers on a kv overlay: parsing {@code docker container inspect} as captured on lab
 * migst (resources under /migrate, see its README), and the pure planner over {@link CapturedKv}'s
 * facts (a fake of the host readout) with those containers on h3. migst's labnet had another ID
 * than migx's; where the tests put migst's containers beside migx's networks they replace that ID,
 * and say so.
 */
class StoppedContainersTest {
    /** labnet's kv ID on lab migst, where the stopped containers were captured. */
    private static final String MIGST_LABNET = "b8def051b062085e0658a7c210468d9a97c2d817314966db53396f190071cc43";
    /** labnet's kv ID on lab migx, as {@link CapturedKv}'s networks and the saved inventory have it. */
    private static final String MIGX_LABNET = "e68892fcb58bdce417391dce7d3e3496eeca3723bfc92353ace6a9fe8ffe7caf";
    private static final Topology SWARM = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
            Optional.empty(), List.of(CapturedKv.H1, CapturedKv.H2, CapturedKv.H3), List.of());

    /** Reading through a FAKE shell (scripted per exact command): chunking and Docker's refusals. */
    @Test
    void manyStoppedContainersAreInspectedInChunksThatStayUnderTheArgumentLimit() {
        List<String> ids = java.util.stream.IntStream.range(0, 450).mapToObj(i -> String.format("%064x", i)).toList();
        FakeRemoteShell shell = new FakeRemoteShell("h3").on(StoppedContainers.LIST, String.join("\n", ids) + "\n")
                .on(StoppedContainers.inspect(ids.subList(0, 200)), "[]\n")
                .on(StoppedContainers.inspect(ids.subList(200, 400)), "[]\n")
                .on(StoppedContainers.inspect(ids.subList(400, 450)),
                        CapturedKv.read("/migrate/stopped-containers-h3-20.10.json"));

        Fact<List<StoppedContainers.Container>> read = StoppedContainers.read(shell);

        assertEquals(List.of("plain3", "idle3", "web3"), read.value().orElseThrow().stream()
                .map(StoppedContainers.Container::name).toList());
        assertEquals(4, shell.calls().size(), "the list and three inspects of at most 200 IDs");
    }

    @Test
    void aContainerRemovedBetweenTheListAndTheInspectIsNoErrorButAnotherFailureIsUnknown() {
        String json = CapturedKv.read("/migrate/stopped-containers-h3-20.10.json");
        List<String> ids = List.of("a".repeat(64), "b".repeat(64));
        FakeRemoteShell removed = new FakeRemoteShell("h3").on(StoppedContainers.LIST, String.join("\n", ids))
                .on(StoppedContainers.inspect(ids), 1, json, "Error: No such container: " + ids.get(1) + "\n");
        assertEquals(3, StoppedContainers.read(removed).value().orElseThrow().size());

        FakeRemoteShell broken = new FakeRemoteShell("h3").on(StoppedContainers.LIST, String.join("\n", ids))
                .on(StoppedContainers.inspect(ids), 1, "", "Cannot connect to the Docker daemon\n");
        Fact<List<StoppedContainers.Container>> unknown = StoppedContainers.read(broken);
        assertFalse(unknown.isKnown());
        assertTrue(unknown.why().contains("Cannot connect to the Docker daemon"), unknown.why());
    }

    @Test
    void theListedIdsAndTheInspectGiveEachStoppedContainersNetworksWithTheirConfiguredAddress() {
        List<String> ids = StoppedContainers.parseIds(CapturedKv.read("/migrate/stopped-ids-h3-20.10.txt"));
        assertEquals(3, ids.size());
        assertEquals(List.of("docker", "container", "inspect", "--", ids.get(0), ids.get(1), ids.get(2)),
                StoppedContainers.inspect(ids).argv());

        List<StoppedContainers.Container> cs = StoppedContainers.parse(
                CapturedKv.read("/migrate/stopped-containers-h3-20.10.json"));

        assertEquals(List.of("plain3 exited", "idle3 created", "web3 exited"), cs.stream()
                .map(c -> c.name() + " " + c.status()).toList());
        assertEquals(List.of(new StoppedContainers.ConfiguredNetwork("labnet", MIGST_LABNET, "172.16.16.200")),
                cs.get(2).networks());
        assertEquals(List.of(new StoppedContainers.ConfiguredNetwork("labnet", "", "")), cs.get(1).networks());
        assertEquals("bridge", cs.get(0).networks().get(0).name());
    }

    @Test
    void noStoppedContainerIsAnEmptyListAndOutputThatIsNotAnArrayIsRefused() {
        assertEquals(List.of(), StoppedContainers.parseIds("\n"));
        assertThrows(UnparseableOutputException.class, () -> StoppedContainers.parse("{\"Name\":\"/x\"}"));
        assertThrows(UnparseableOutputException.class, () -> StoppedContainers.parse("Error: No such object"));
    }

    @Test
    void aStoppedContainerNamingTheKvNetworksIdIsCarriedStoppedWithItsAddressAndReconnectedWithoutStart() {
        MigrationPlan plan = MigrationPlanner.plan(SWARM, withStoppedOnH3(CapturedKv.kvLab()), false);

        assertEquals(List.of(), plan.blockers());
        // web2 runs on h2 (an endpoint of labnet); web3 is stopped on h3 with its --ip. idle3 names labnet
        // with no ID (never started: it finds the swarm's labnet by name at start), plain3 only the bridge.
        assertEquals(List.of(new Reconnect("migx-h2", "web2", List.of(new Attachment("migx-h2", "web2", "labnet",
                        "172.16.16.128"))),
                new Reconnect("migx-h3", "web3", List.of(new Attachment("migx-h3", "web3", "labnet", "172.16.16.200",
                        true)))), plan.reconnects());
        Reconnect web3 = plan.reconnects().get(1);
        assertTrue(web3.stopped());
        assertEquals(List.of(
                List.of("docker", "network", "disconnect", "--force", "labnet", "web3"),
                List.of("docker", "network", "connect", "--ip", "172.16.16.200", "labnet", "web3")), web3.commands());
        assertFalse(plan.reconnects().get(0).stopped());
        assertEquals(List.of("docker", "start", "web2"), plan.reconnects().get(0).commands().get(2));
        // The saved inventory carries it, marked stopped.
        assertTrue(plan.inventory().attachments().contains(new Attachment("migx-h3", "web3", "labnet", "172.16.16.200",
                true)), plan.inventory().toString());
    }

    @Test
    void stoppedContainersThatCannotBeListedBlockTheRunNamingTheHost() {
        MigrationFacts kv = CapturedKv.kvLab();
        MigrationFacts facts = new MigrationFacts(kv.kv(), kv.networks(), kv.saved(), kv.swarm(), Map.of(),
                Map.of("migx-h3", Fact.unknown("`docker container ls ...` exited with status 1: permission denied")));

        MigrationPlan plan = MigrationPlanner.plan(SWARM, facts, false);

        assertEquals(List.of("migx-h3 containers.read"), plan.blockers().stream().map(b -> b.host() + " " + b.subject())
                .toList());
        Finding b = plan.blockers().get(0);
        assertTrue(b.message().contains("permission denied"), b.message());
    }

    @Test
    void theInventoryKeepsTheStoppedMarkAndAFileOfThePreviousVersionReadsAsRunning() {
        KvInventory old = KvInventory.parse(CapturedKv.read("/migrate/kv-migration-saved.json"));
        assertFalse(CapturedKv.read("/migrate/kv-migration-saved.json").contains("stopped"));
        assertEquals(List.of(new Attachment("migx-h2", "web2", "labnet", "172.16.16.128", false)), old.attachments());

        KvInventory withStopped = new KvInventory(old.clusterStore(), old.networks(), List.of(old.attachments().get(0),
                new Attachment("migx-h3", "web3", "labnet", "172.16.16.200", true)));
        assertEquals(withStopped, KvInventory.parse(withStopped.toJson()));
    }

    @Test
    void aRerunAfterTheRestartsKeepsARunningContainerRunningAndDropsAStoppedOneOnceReconnected() {
        // After the restarts: no kv network listed, the saved inventory (captured) has web2 as running and, added
        // here, web3 as stopped. Both now show up as stopped containers naming labnet's kv ID (migst's capture
        // with the ID replaced by migx's; web2 as a copy of web3's entry renamed).
        KvInventory captured = KvInventory.parse(CapturedKv.read("/migrate/kv-migration-saved.json"));
        KvInventory saved = new KvInventory(captured.clusterStore(), captured.networks(), List.of(
                captured.attachments().get(0), new Attachment("migx-h3", "web3", "labnet", "172.16.16.200", true)));
        String inspect = CapturedKv.read("/migrate/stopped-containers-h3-20.10.json").replace(MIGST_LABNET, MIGX_LABNET);
        List<StoppedContainers.Container> h3 = StoppedContainers.parse(inspect);
        StoppedContainers.Container web3 = h3.get(2);
        List<StoppedContainers.Container> h2 = List.of(new StoppedContainers.Container("web2", "exited", web3.networks()));
        NetReadout none = new NetReadout(List.of("migx-h1", "migx-h2", "migx-h3"), Map.of("migx-h1",
                Fact.known(List.of()), "migx-h2", Fact.known(List.of()), "migx-h3", Fact.known(List.of())));
        NodeInfo plain = NodeInfo.parse(CapturedKv.storeHostInfo());
        SwarmFacts swarm = new SwarmFacts(List.of(HostView.read(CapturedKv.H1, SwarmRole.MANAGER, plain),
                HostView.read(CapturedKv.H2, SwarmRole.WORKER, plain), HostView.read(CapturedKv.H3, SwarmRole.WORKER,
                        plain)), Optional.empty());
        List<io.ovl.kvmode.HostState> states = List.of(CapturedKv.storeHost(), plainHost("migx-h2"),
                plainHost("migx-h3"));
        Map<String, Fact<Optional<KvInventory>>> savedOn = Map.of("migx-h2", Fact.known(Optional.of(saved)));
        Map<String, Fact<List<StoppedContainers.Container>>> stopped = Map.of("migx-h1", Fact.known(List.of()),
                "migx-h2", Fact.known(h2), "migx-h3", Fact.known(h3));

        MigrationPlan plan = MigrationPlanner.plan(SWARM, new MigrationFacts(states, none, savedOn, swarm,
                Map.of(MigrationFacts.key("migx-h3", "web3"), Fact.known(Optional.of(Map.of("labnet", MIGX_LABNET)))),
                stopped), false);

        assertEquals(List.of(), plan.blockers());
        assertEquals(List.of("migx-h2 web2 started", "migx-h3 web3 left stopped"), plan.reconnects().stream()
                .map(r -> r.host() + " " + r.container() + (r.stopped() ? " left stopped" : " started")).toList());

        // web3 after its reconnect commands, still stopped (captured): it names no network ID any more.
        Map<String, String> reconnected = ContainerNetworks.parse(
                CapturedKv.read("/migrate/container-networks-web3-reconnected-20.10.json"));
        assertEquals(Map.of("labnet", ""), reconnected);
        List<StoppedContainers.Container> h3After = List.of(new StoppedContainers.Container("web3", "exited",
                List.of(new StoppedContainers.ConfiguredNetwork("labnet", "", "172.16.16.200"))));
        MigrationPlan after = MigrationPlanner.plan(SWARM, new MigrationFacts(states, none, savedOn, swarm,
                Map.of(MigrationFacts.key("migx-h3", "web3"), Fact.known(Optional.of(reconnected))),
                Map.of("migx-h1", Fact.known(List.of()), "migx-h2", Fact.known(h2), "migx-h3", Fact.known(h3After))),
                false);
        assertEquals(List.of("migx-h2 web2"), after.reconnects().stream().map(r -> r.host() + " " + r.container())
                .toList());
    }

    /** The kv lab's facts with migst-h3's captured stopped containers on h3, labnet's ID replaced by migx's. */
    private static MigrationFacts withStoppedOnH3(MigrationFacts kv) {
        String inspect = CapturedKv.read("/migrate/stopped-containers-h3-20.10.json").replace(MIGST_LABNET, MIGX_LABNET);
        return new MigrationFacts(kv.kv(), kv.networks(), kv.saved(), kv.swarm(), Map.of(), Map.of(
                "migx-h1", Fact.known(List.of()), "migx-h2", Fact.known(List.of()),
                "migx-h3", Fact.known(StoppedContainers.parse(inspect))));
    }

    private static io.ovl.kvmode.HostState plainHost(String name) {
        return CapturedKv.state(name, Optional.empty(), CapturedKv.storeHostInfo(), 0);
    }
}
