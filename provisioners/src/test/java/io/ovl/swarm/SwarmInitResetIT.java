package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Swarm-mode init and reset end to end on three real hosts with Docker Engine 26 (lab
 * {@code swarmit-XXXX}): h1 manager, h2 and h3 workers, networks labnet (attachable) and secnet
 * (encrypted). The tests run in order on one lab, each starting where the previous one left the
 * hosts. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmInitResetIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("swarmit", LabLayout.of("26", "26", "26"));
    private static SwarmLab swarm;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        swarm = new SwarmLab(LAB.lab());
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
    }

    @Test
    @Order(1)
    void theDryRunPlansInitOnTheManagerAndJoinsForTheWorkersAndChangesNothing() {
        SwarmPlan plan = swarm.initPlan(false);

        assertEquals(List.of(), plan.blockers());
        assertEquals(Optional.empty(), plan.clusterId());
        assertEquals(h1.name(), plan.manager());
        assertEquals(Map.of(h1.name(), SwarmStep.Action.INIT, h2.name(), SwarmStep.Action.JOIN,
                h3.name(), SwarmStep.Action.JOIN), actions(plan));
        assertEquals(List.of(Optional.of(h1.name()), Optional.of(h1.name())),
                plan.networks().stream().map(n -> n.createOn()).toList());
        assertEquals("inactive", swarm.swarmState(h1));
    }

    @Test
    @Order(2)
    void initMakesOneSwarmMarkedAsOvlsWithTheNetworksOnTheManager() {
        ChangeReport report = swarm.init(false);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(Map.of(h1.name(), HostOutcome.Status.CHANGED, h2.name(), HostOutcome.Status.CHANGED,
                h3.name(), HostOutcome.Status.CHANGED), statuses(report));
        assertEquals("true", swarm.in(h1, "docker", "info", "--format", "{{index .Swarm.Cluster.Spec.Labels \"io.ovl.managed\"}}"));
        assertEquals(h1.address(), swarm.in(h1, "docker", "info", "--format", "{{.Swarm.NodeAddr}}"));
        // Every host is a ready, active node of h1's swarm, with the topology's roles.
        assertEquals(List.of(h1.name() + " manager ready active", h2.name() + " worker ready active",
                        h3.name() + " worker ready active"),
                swarm.in(h1, "docker", "node", "ls", "--format", "{{.Hostname}}").lines().sorted()
                        .map(n -> n + " " + swarm.in(h1, "docker", "node", "inspect", "--format",
                                "{{.Spec.Role}} {{.Status.State}} {{.Spec.Availability}}", n)).toList());
        String secnet = swarm.in(h1, "docker", "network", "inspect", "--format",
                "{{.Scope}} {{.Attachable}} {{range $k, $v := .Options}}[{{$k}}]{{end}}", "secnet");
        assertTrue(secnet.startsWith("swarm true ") && secnet.contains("[encrypted]"), secnet);
        assertEquals("swarm true 172.16.16.128/25", swarm.in(h1, "docker", "network", "inspect", "--format",
                "{{.Scope}} {{.Attachable}} {{range .IPAM.Config}}{{.IPRange}}{{end}}", "labnet"));
        assertTrue(report.networks().stream().allMatch(n -> n.createdOn().equals(Optional.of(h1.name())) && n.ok()),
                report.networks().toString());
    }

    @Test
    @Order(3)
    void aSecondInitChangesNothing() {
        SwarmPlan plan = swarm.initPlan(false);
        assertTrue(plan.nothingToDo(), plan.toString());

        ChangeReport report = swarm.init(false);
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertFalse(report.changedAnything(), report.toString());
        assertEquals("3", swarm.in(h1, "docker", "info", "--format", "{{.Swarm.Nodes}}"));
    }

    @Test
    @Order(4)
    void doctorSeesEveryNodeReadyAndTheManagerLeading() {
        io.ovl.doctor.DoctorReport report = io.ovl.doctor.DoctorLabIT.doctor(swarm.topology, swarm.file);

        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals(io.ovl.core.Severity.PASS, io.ovl.doctor.DoctorLabIT.result(report, "swarm.node", h.name()).severity(),
                    h.name());
        }
        assertEquals("Leader", io.ovl.doctor.DoctorLabIT.result(report, "swarm.managers", h1.name()).message());
        // Everything else doctor checks holds on a fresh swarm too (ports 2377, 7946, 4789 among them).
        assertTrue(report.passed(), report.results().filter(r -> r.severity() == io.ovl.core.Severity.ERROR).toList().toString());
    }

    @Test
    @Order(4)
    void containersOnDifferentHostsReachEachOtherByNameOnTheAttachableNetwork() {
        assertEquals("hello-from-web2", swarm.talk(h2, h3, "labnet", "web2"));
        // The container got its address from the topology's ip-range.
        String ip = swarm.in(h2, "docker", "inspect", "--format",
                "{{(index .NetworkSettings.Networks \"labnet\").IPAddress}}", "web2");
        assertTrue(ip.startsWith("172.16.16.") && Integer.parseInt(ip.substring(10)) >= 128, ip);
    }

    @Test
    @Order(5)
    void theEncryptedNetworkCarriesTrafficBetweenHosts() {
        org.junit.jupiter.api.Assumptions.assumeTrue(swarm.kernelHasEspAead(h1), "this machine's kernel has no"
                + " rfc4106(gcm(aes)) IPsec AEAD (ip xfrm state add fails), so no encrypted overlay can carry traffic"
                + " here; init creating secnet with the encrypted option is checked in initMakesOneSwarm...");
        assertEquals("hello-from-sec1", swarm.talk(h1, h3, "secnet", "sec1"));
    }

    @Test
    @Order(6)
    void aHostInAnotherSwarmBlocksInitUnlessForceWhichMovesItBack() {
        swarm.in(h3, "docker", "swarm", "leave", "--force");
        swarm.in(h3, "docker", "swarm", "init", "--advertise-addr", h3.address());

        SwarmPlan blocked = swarm.initPlan(false);
        assertEquals(List.of(h3.name() + " swarm.other"), blockers(blocked));

        SwarmPlan forced = swarm.initPlan(true);
        SwarmStep h3Step = forced.hosts().stream().filter(s -> s.host().equals(h3.name())).findFirst().orElseThrow();
        assertEquals(SwarmStep.Action.JOIN, h3Step.action());
        assertTrue(h3Step.leaveFirst());
        ChangeReport report = swarm.init(true);
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        // h3 is a worker of h1's swarm again: h1 lists its current node ID as ready.
        String h3Node = swarm.in(h3, "docker", "info", "--format", "{{.Swarm.NodeID}}");
        assertEquals("worker ready", swarm.in(h1, "docker", "node", "inspect", "--format",
                "{{.Spec.Role}} {{.Status.State}}", h3Node));
        assertEquals("active false", swarm.in(h3, "docker", "info", "--format",
                "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"));
    }

    @Test
    @Order(7)
    void resetStopsBeforeAnyLeaveWhileAContainerStillUsesANetwork() {
        ChangeReport report = swarm.reset(false);

        assertEquals(ExitCode.HOST_FAILED, report.exitCode(), report.toString());
        assertTrue(report.hosts().stream().allMatch(o -> o.status() == HostOutcome.Status.SKIPPED), report.toString());
        assertEquals("active", swarm.swarmState(h2));
    }

    @Test
    @Order(8)
    void resetLeavesNoHostInASwarmAndASecondResetHasNothingToDo() {
        swarm.in(h2, "docker", "rm", "-f", "web2");
        swarm.in(h1, "docker", "rm", "-f", "sec1");

        ChangeReport report = swarm.reset(false);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("inactive", swarm.swarmState(h), h.name());
        }
        assertTrue(swarm.resetPlan(false).nothingToDo());
    }

    @Test
    @Order(9)
    void aSwarmOvlDidNotCreateIsLeftAloneUnlessForce() {
        swarm.in(h1, "docker", "swarm", "init", "--advertise-addr", h1.address());

        assertEquals(List.of(h1.name() + " swarm.not-ovl"), blockers(swarm.resetPlan(false)));
        assertTrue(blockers(swarm.initPlan(false)).contains(h1.name() + " swarm.not-ovl"));

        ChangeReport report = swarm.reset(true);
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals("inactive", swarm.swarmState(h1));
    }

    private static Map<String, SwarmStep.Action> actions(SwarmPlan plan) {
        return plan.hosts().stream().collect(Collectors.toMap(SwarmStep::host, SwarmStep::action));
    }

    private static Map<String, HostOutcome.Status> statuses(ChangeReport report) {
        return report.hosts().stream().collect(Collectors.toMap(HostOutcome::host, HostOutcome::status));
    }

    private static List<String> blockers(SwarmPlan plan) {
        return plan.blockers().stream().map(b -> b.host() + " " + b.subject()).toList();
    }

    private static List<String> blockers(SwarmResetPlan plan) {
        return plan.blockers().stream().map((Finding b) -> b.host() + " " + b.subject()).toList();
    }
}
