package io.ovl.kvmode;

import static io.ovl.kvmode.Captured.H1;
import static io.ovl.kvmode.Captured.H2;
import static io.ovl.kvmode.Captured.H3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.facts.Fact;
import io.ovl.facts.DockerInfo;
import io.ovl.render.DockerdDropIn;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner over host states built from outputs captured on real lab hosts ({@link Captured}). */
class PlannerTest {
    private final Topology topology = Captured.labTopology();
    private final Planner planner = new Planner();

    @Test
    void freshHostsGetTheStoreTheDropInARestartAndTheNetwork() {
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));

        assertEquals(List.of(), plan.blockers());
        assertEquals(Captured.STORE_URL, plan.storeUrl());
        assertEquals(1, plan.store().size());
        assertEquals(StoreStep.Action.CREATE, plan.store().get(0).action());
        assertEquals(H1, plan.store().get(0).host());
        assertEquals("local/etcd:3.4", plan.store().get(0).spec().image());
        // Only overlay hosts are reconfigured: the store host (overlay: false) keeps its dockerd.
        assertEquals(List.of(H2, H3), plan.hosts().stream().map(HostPlan::host).toList());
        HostPlan h2 = plan.hosts().get(0);
        assertTrue(h2.restartDocker());
        assertEquals(1, h2.files().size());
        FileChange dropIn = h2.files().get(0);
        assertEquals(DockerdDropIn.PATH, dropIn.path());
        assertTrue(dropIn.before().isEmpty());
        assertTrue(dropIn.after().get().contains("ExecStart=/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/"
                + "containerd.sock $DOCKER_OPTS --cluster-store=" + Captured.STORE_URL
                + " --cluster-advertise=198.19.144.12:2376\n"), dropIn.after().get());
        assertEquals("198.19.144.12:2376", h2.expectedAdvertise());
        assertEquals(Optional.of(H2), plan.networks().get(0).createOn());
        assertFalse(plan.nothingToDo());
    }

    @Test
    void theRenderedDropInIsByteForByteWhatTheLabRunsWith() {
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(Captured.own("dropin-init-h2.conf"), plan.hosts().get(0).files().get(0).after().get());
    }

    @Test
    void aClusterAsInitLeftItNeedsNothing() {
        Plan plan = planner.plan(topology, List.of(Captured.storeHostRunning(), Captured.joined(H2), Captured.joined(H3)));

        assertEquals(List.of(), plan.blockers());
        assertEquals(StoreStep.Action.NONE, plan.store().get(0).action());
        for (HostPlan h : plan.hosts()) {
            assertFalse(h.restartDocker(), h.toString());
            assertEquals(List.of(), h.files());
        }
        assertEquals(Optional.empty(), plan.networks().get(0).createOn());
        assertEquals(List.of(H2, H3), plan.networks().get(0).presentOn());
        assertTrue(plan.nothingToDo());
        assertEquals(List.of(), plan.restartsStoppingContainers());
    }

    @Test
    void aDropInInPlaceThatDockerdDoesNotRunWithYetMeansARestartWithoutAWrite() {
        // As after an interrupted run: the file was written, the restart never happened.
        HostState h2 = Captured.joined(H2);
        h2 = Captured.with(h2, Fact.known(DockerInfo.parse(Captured.facts("docker-info-20.10.json"))));
        Plan plan = planner.plan(topology, List.of(Captured.storeHostRunning(), h2, Captured.joined(H3)));

        HostPlan p = plan.hosts().get(0);
        assertEquals(List.of(), p.files());
        assertTrue(p.restartDocker());
        assertTrue(p.why().contains("restart to apply"), p.why());
        assertFalse(plan.hosts().get(1).restartDocker());
    }

    @Test
    void anOldOvlDropInIsReplacedAndTheDiffShowsTheChangedLines() {
        HostState h2 = Captured.joined(H2);
        String old = h2.dropIn().value().get().get().replace("198.19.144.11:2379", "198.19.144.99:2379");
        h2 = new HostState(H2, h2.dockerInfo(), h2.dockerUnit(), h2.daemonJson(), Fact.known(Optional.of(old)),
                h2.runningContainers(), h2.storeContainer(), h2.networks(), h2.storeAnswers());
        Plan plan = planner.plan(topology, List.of(Captured.storeHostRunning(), h2, Captured.joined(H3)));

        FileChange f = plan.hosts().get(0).files().get(0);
        assertEquals(Optional.of(old), f.before());
        String diff = f.diff();
        assertTrue(diff.startsWith("--- a" + DockerdDropIn.PATH + "\n+++ b" + DockerdDropIn.PATH + "\n@@ -1,8 +1,8 @@\n"), diff);
        assertEquals(2, diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count(), diff);
        assertTrue(diff.contains("\n ExecStart=\n"), "unchanged lines are context: " + diff);
    }

    @Test
    void engine26IsRefusedBeforeAnyChange() {
        HostState h3 = Captured.with(Captured.fresh(H3), Fact.known(DockerInfo.parse(Captured.facts("docker-info-26.json"))));
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), h3));

        assertTrue(plan.blocked());
        assertEquals(List.of("engine.cluster-store"), checksOn(plan, H3));
        assertEquals(List.of(), checksOn(plan, H2));
    }

    @Test
    void aSwarmMemberIsRefused() {
        HostState h2 = Captured.with(Captured.fresh(H2),
                Fact.known(DockerInfo.parse(Captured.facts("docker-info-26-swarm-active.json"))));
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), h2, Captured.fresh(H3)));
        assertTrue(checksOn(plan, H2).contains("swarm.inactive"), plan.blockers().toString());
    }

    @Test
    void aDaemonJsonKeyTheDropInAlsoSetsIsRefused() {
        HostState h3 = Captured.withDaemonJson(Captured.fresh(H3), "{\"cluster-store\": \"consul://10.0.0.1:8500\"}");
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), h3));

        assertEquals(List.of("daemon-json.conflicts"), checksOn(plan, H3));
        assertTrue(plan.blockers().get(0).message().contains("\"cluster-store\""), plan.blockers().get(0).message());
    }

    @Test
    void unrelatedDaemonJsonKeysAreFine() {
        HostState h3 = Captured.withDaemonJson(Captured.fresh(H3), "{\"log-driver\": \"json-file\"}");
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), h3));
        assertEquals(List.of(), plan.blockers());
    }

    @Test
    void dockerDownOnTheStoreHostIsRefused() {
        HostState h1 = Captured.with(Captured.storeHostFresh(), Fact.unknown("Cannot connect to the Docker daemon"));
        Plan plan = planner.plan(topology, List.of(h1, Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(List.of("docker.up"), checksOn(plan, H1));
    }

    @Test
    void aStoreContainerWithAnotherImageIsNotReplaced() {
        HostState running = Captured.storeHostRunning();
        StoreContainer c = running.storeContainer().value().get().get();
        HostState h1 = new HostState(H1, running.dockerInfo(), running.dockerUnit(), running.daemonJson(),
                running.dropIn(), running.runningContainers(),
                Fact.known(Optional.of(new StoreContainer(c.name(), "quay.io/coreos/etcd:v3.5.0", c.cmd(), true))),
                running.networks(), List.of());
        Plan plan = planner.plan(topology, List.of(h1, Captured.fresh(H2), Captured.fresh(H3)));

        assertEquals(List.of("store.container"), checksOn(plan, H1));
        assertEquals(List.of(), plan.store());
    }

    @Test
    void aStoppedStoreContainerIsStarted() {
        HostState running = Captured.storeHostRunning();
        StoreContainer c = running.storeContainer().value().get().get();
        HostState h1 = new HostState(H1, running.dockerInfo(), running.dockerUnit(), running.daemonJson(),
                running.dropIn(), running.runningContainers(),
                Fact.known(Optional.of(new StoreContainer(c.name(), c.image(), c.cmd(), false))),
                running.networks(), List.of());
        Plan plan = planner.plan(topology, List.of(h1, Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(StoreStep.Action.START, plan.store().get(0).action());
    }

    @Test
    void aRunningStoreThatADockerHostCannotReachBlocks() {
        // The store runs, but h3 cannot reach it (a firewall): restarting h3's dockerd would strand it.
        Plan plan = planner.plan(topology, List.of(Captured.storeHostRunning(), Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(List.of("store.reachable"), checksOn(plan, H3));
    }

    @Test
    void anExternalStoreIsUsedAsGivenAndMustAnswer() {
        Topology external = new Topology(1, topology.mode(), topology.ssh(),
                Optional.of(KvStore.external(KvBackend.ETCD, URI.create("etcd://198.19.144.11:2379/ovlnet"))),
                Optional.empty(), topology.hosts(), topology.networks());
        Plan plan = planner.plan(external, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));

        assertEquals("etcd://198.19.144.11:2379/ovlnet", plan.storeUrl());
        assertEquals(List.of(), plan.store());
        assertEquals(List.of("store.reachable"), checksOn(plan, H2));
    }

    @Test
    void restartsOfHostsWithRunningContainersAreListedForConfirmation() {
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.withRunning(Captured.fresh(H2), 3),
                Captured.fresh(H3)));
        assertEquals(List.of(H2), plan.restartsStoppingContainers().stream().map(HostPlan::host).toList());
        assertEquals(3, plan.restartsStoppingContainers().get(0).runningContainers());
    }

    @Test
    void aSingleStoreMemberOnAnOverlayHostIsRefused() {
        // Seen on the lab: h1's dockerd restart stopped the only etcd, and every dockerd that
        // started meanwhile logged "discovery error" and never joined.
        Topology colocated = new Topology(1, topology.mode(), topology.ssh(), topology.kvStore(), Optional.empty(),
                List.of(io.ovl.topology.Host.of(H1, "198.19.144.11"), topology.hosts().get(1), topology.hosts().get(2)),
                topology.networks());
        Plan plan = planner.plan(colocated, List.of(Captured.fresh(H1), Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(List.of("store.colocated"), checksOn(plan, H1));
    }

    @Test
    void anExistingNetworkOfThatNameWithAnotherSubnetIsRefused() {
        HostState h2 = Captured.joined(H2);
        String inspect = Captured.own("network-inspect-init-h2-joined.json").replace("172.16.16.0/24", "172.16.99.0/24");
        h2 = new HostState(H2, h2.dockerInfo(), h2.dockerUnit(), h2.daemonJson(), h2.dropIn(), h2.runningContainers(),
                h2.storeContainer(), Fact.known(io.ovl.doctor.DockerNetwork.parseInspect(inspect)), h2.storeAnswers());
        Plan plan = planner.plan(topology, List.of(Captured.storeHostRunning(), h2, Captured.joined(H3)));

        assertEquals(List.of("network.matches"), checksOn(plan, H2));
        assertTrue(plan.blockers().get(0).message().contains("172.16.99.0/24"), plan.blockers().get(0).message());
    }

    @Test
    void aLocalNetworkOfThatNameIsRefused() {
        HostState h3 = Captured.fresh(H3);
        String inspect = Captured.own("network-inspect-init-h1-no-overlay.json").replace("\"Name\": \"bridge\"",
                "\"Name\": \"labnet\"");
        h3 = new HostState(H3, h3.dockerInfo(), h3.dockerUnit(), h3.daemonJson(), h3.dropIn(), h3.runningContainers(),
                h3.storeContainer(), Fact.known(io.ovl.doctor.DockerNetwork.parseInspect(inspect)), h3.storeAnswers());
        Plan plan = planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), h3));

        assertEquals(List.of("network.matches"), checksOn(plan, H3));
    }

    @Test
    void aCustomPreflightCheckPlugsIn() {
        PreflightCheck veto = new PreflightCheck() {
            @Override
            public String name() {
                return "custom.veto";
            }

            @Override
            public List<Finding> check(Topology t, ClusterLayout layout, List<HostState> hosts) {
                return List.of(Finding.onHost(H2, name(), "no"));
            }
        };
        Plan plan = new Planner(List.of(veto)).plan(topology,
                List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(List.of("custom.veto"), checksOn(plan, H2));
    }

    private static List<String> checksOn(Plan plan, String host) {
        return plan.blockers().stream().filter(b -> b.host().equals(host)).map(Finding::subject).toList();
    }
}
