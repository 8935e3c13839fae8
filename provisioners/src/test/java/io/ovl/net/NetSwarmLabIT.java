package io.ovl.net;

import io.ovl.addressing.IpamPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.core.ExitCode;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.mode.OverlayMode;
import io.ovl.change.ChangeReport;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.SshConnector;
import io.ovl.swarm.SwarmInit;
import io.ovl.swarm.SwarmReset;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ovl net in swarm mode on a real lab: three hosts with Docker Engine 26 (lab {@code netsw-XXXX}),
 * the lab's swarm topology (h1 manager, h2 and h3 workers), the swarm brought up by the real swarm
 * init engine. Drives the net engine as the {@code ovl net} commands do (one SSH session per host
 * from the topology, placement from {@link OverlayMode#placement}). Tests run in order on one lab,
 * each starting where the previous one left it; the last resets the swarm. Skips when not root or
 * the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetSwarmLabIT {
    private static final String IMAGE = "local/busybox:1";
    private static final String NET = "swnet";
    private static final Prefix SUBNET = Prefix.parse("10.77.0.0/24");
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("netsw", LabLayout.of("26", "26", "26"));
    private static Topology topology;
    private static Path file;
    private static CreatePlacement placement;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        file = LAB.lab().topologyPath();
        topology = new TopologyLoader().load(file).orThrow();
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        assertEquals(Mode.SWARM, topology.mode());
        assertEquals(List.of(SwarmRole.MANAGER, SwarmRole.WORKER, SwarmRole.WORKER), topology.overlayHosts().stream()
                .map(h -> topology.swarmRole(h).orElseThrow()).toList());
        placement = OverlayMode.of(topology).placement();
        try (OpenHosts hosts = swarmHosts()) {
            SwarmInit init = new SwarmInit(topology, hosts);
            ChangeReport report = init.apply(init.plan(false), ChangeProgress.NONE);
            assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        }
    }

    @Test
    @Order(1)
    void createMakesASwarmScopedAttachableNetworkOnTheManagerAndWaitsOnlyForManagers() {
        NetworkSpec spec = new NetworkSpec(NET, List.of(IpamPool.of(SUBNET)),
                false, placement.attachableByDefault(), false, OptionalInt.empty(), Map.of());
        CreateReport report = withHosts(run -> create(run).create(spec, placement.candidates(topology),
                placement.mustSee(topology)));

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(Optional.of(h1.name()), report.createdOn());
        assertEquals(List.of(h1.name()), report.seenOn());
        assertEquals("swarm true 10.77.0.0/24", in(h1, "docker", "network", "inspect", "--format",
                "{{.Scope}} {{.Attachable}}{{range .IPAM.Config}} {{.Subnet}}{{end}}", NET));
        // Why workers must not count: with no container of theirs on it, they do not list it.
        for (LabHost w : List.of(h2, h3)) {
            assertFalse(overlayNames(w).contains(NET), w.name() + " lists " + NET + " without a task on it");
        }
    }

    @Test
    @Order(2)
    void lsAndInspectDoNotMarkTheWorkersMissing() {
        NetReadout readout = withHosts(run -> NetReadout.read(run.hosts, run.parallel));
        assertEquals(Map.of(), readout.unreadable());

        NetworkListing.Entry entry = NetworkListing.of(readout, placement.mustSee(topology)).networks().stream()
                .filter(e -> e.name().equals(NET)).findFirst().orElseThrow();
        assertEquals(List.of(SUBNET.toString()), entry.subnets());
        assertEquals(List.of(h1.name()), entry.seenOn());
        assertTrue(entry.complete(), entry.toString());
        // With every overlay host required (kv's rule) the same readout would flag both workers.
        List<String> all = List.of(h1.name(), h2.name(), h3.name());
        assertEquals(List.of(h2.name(), h3.name()), NetworkListing.of(readout, all).networks().stream()
                .filter(e -> e.name().equals(NET)).findFirst().orElseThrow().missingOn());

        MergedNetwork merged = MergedNetwork.of(NET, readout, placement.mustSee(topology)).orElseThrow();
        assertEquals(List.of(), merged.missingOn());
        assertEquals("swarm", merged.definition().scope());
        assertTrue(merged.definition().attachable());
        assertFalse(merged.idsDiffer());
    }

    @Test
    @Order(3)
    void verifyPassesBetweenProbesOnAllThreeHostsAndLeavesNoProbe() {
        VerifyReport report = withHosts(run -> new NetVerify(run.hosts, run.parallel, ChangeProgress.NONE)
                .run(NET, IMAGE));

        assertEquals(List.of(h1.name(), h2.name(), h3.name()), report.hosts());
        assertTrue(report.passed(), report.failing().toString());
        assertEquals(6, report.pairs().size());
        assertEquals(List.of(), report.cleanup());
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("", in(h, "docker", "ps", "-aq", "--filter", "label=" + ProbeScript.LABEL));
        }
    }

    @Test
    @Order(4)
    void rmRefusesWhileAContainerOnAWorkerIsAttachedThenForceRemovesItOnTheManagerEverywhere() {
        in(h2, "docker", "run", "-d", "--name", "web2", "--network", NET, IMAGE, "sleep", "600");
        MergedNetwork before = withHosts(run -> MergedNetwork.of(NET, NetReadout.read(run.hosts, run.parallel),
                placement.mustSee(topology)).orElseThrow());
        // The worker lists it now (its container uses it) and inspect shows that container there.
        assertEquals(List.of(h1.name(), h2.name()), before.seenOn());
        assertEquals(List.of("web2 on " + h2.name()), before.attached());
        assertTrue(NetRemove.refusal(before, false).orElseThrow().contains("web2 on " + h2.name()));

        NetRemove.Outcome outcome = withHosts(run -> new NetRemove(run.hosts, visibility(run), ChangeProgress.NONE)
                .remove(before, placement.candidates(topology)));

        assertEquals(h1.name(), outcome.removedOn());
        assertEquals(List.of("web2 on " + h2.name()), outcome.disconnected());
        assertEquals(List.of(), outcome.stillOn());
        in(h2, "docker", "rm", "-f", "web2");
        for (LabHost h : List.of(h1, h2, h3)) {
            assertFalse(overlayNames(h).contains(NET), h.name());
        }
    }

    @Test
    @Order(5)
    void resetLeavesNoHostInASwarm() {
        try (OpenHosts hosts = swarmHosts()) {
            SwarmReset reset = new SwarmReset(topology, hosts);
            ChangeReport report = reset.apply(reset.plan(false), ChangeProgress.NONE);
            assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        }
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("inactive", in(h, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}"), h.name());
        }
    }

    // ---- helpers ----

    /** The sessions and hosts as the net commands open them. */
    private record Run(OpenHosts hosts, ParallelHosts parallel) {
    }

    private static <T> T withHosts(java.util.function.Function<Run, T> body) {
        ParallelHosts parallel = new ParallelHosts();
        try (OpenHosts open = OpenHosts.overSsh(topology, file, topology.hosts(),
                SshConnector.fromSystem(), parallel)) {
            return body.apply(new Run(open.only(topology.overlayHosts()), parallel));
        }
    }

    private static OpenHosts swarmHosts() {
        return OpenHosts.overSsh(topology, file, topology.overlayHosts(),
                SshConnector.fromSystem(), new ParallelHosts());
    }

    private static NetCreate create(Run run) {
        return new NetCreate(run.hosts(), run.parallel(), visibility(run), ChangeProgress.NONE);
    }

    private static VisibilityWait visibility(Run run) {
        return new VisibilityWait(run.hosts(), run.parallel(), Duration.ofSeconds(60), Duration.ofSeconds(1), ChangeProgress.NONE);
    }

    private static List<String> overlayNames(LabHost h) {
        return in(h, "docker", "network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}").lines().toList();
    }

    private static String in(LabHost h, String... argv) {
        CommandResult r = LAB.lab().inHost(h, argv);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }
}
