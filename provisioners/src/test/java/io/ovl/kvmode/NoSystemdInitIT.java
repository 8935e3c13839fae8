package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.DoctorLabIT;
import io.ovl.doctor.DoctorReport;
import io.ovl.facts.DaemonJson;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.render.DockerdDropIn;
import io.ovl.ssh.RemoteFiles;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * init and reset in kv mode on a lab with one Docker host WITHOUT systemd, on a lab of its own:
 * h1 runs the store (etcd, systemd, overlay: false), h2 is an Engine 20.10 host run by systemd
 * (ovl's drop-in), h3 an Engine 20.10 host booted by {@code lab/up --engine 20.10:sysv}, whose
 * dockerd Debian's /etc/init.d/docker runs (ovl's keys in /etc/docker/daemon.json). h3 starts with
 * an operator's daemon.json that ovl must keep. The tests run in order on one lab, each starting
 * where the previous one left the hosts; re-run and reset log in as user ovl with become: sudo.
 * Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoSystemdInitIT {
    /** The operator's own file, in the operator's own spacing: reset must give back exactly this. */
    private static final String ORIGINAL = "{ \"log-level\" : \"warn\",\n    \"labels\": [\"rack=a\"] }\n";
    private static final String BACKUP = DaemonJson.PATH + RemoteFiles.BACKUP_SUFFIX;

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("nosd", LabLayout.of("20.10", "20.10", "20.10:sysv"));
    private static Topology topology;
    private static Topology sudoTopology;
    private static Path sudoFile;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;
    private static String storeUrl;

    @BeforeAll
    static void up() {
        topology = new TopologyLoader().load(LAB.lab().topologyPath()).orThrow();
        sudoFile = LAB.lab().sudoTopologyPath();
        sudoTopology = new TopologyLoader().load(sudoFile).orThrow();
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        storeUrl = "etcd://" + h1.address() + ":2379/network";
        // h3 really has no systemd, and its dockerd runs with the operator's daemon.json.
        assertFalse(LAB.lab().inHost(h3, "test", "-d", "/run/systemd/system").succeeded());
        LAB.lab().exec(h3, "sh", "-c", "printf '%s' \"$1\" > /etc/docker/daemon.json", "sh", ORIGINAL);
        LAB.lab().exec(h3, "sh", "-c", "/etc/init.d/docker restart </dev/null");
        waitForDocker(h3);
    }

    @Test
    @Order(1)
    void initMergesTheKeysIntoDaemonJsonAndTheHostWithoutSystemdJoinsTheOverlay() {
        ChangeReport report = init(topology);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(Map.of(h2.name(), HostOutcome.Status.CHANGED, h3.name(), HostOutcome.Status.CHANGED),
                statuses(report.hosts()));
        var json = DaemonJson.parse(in(h3, "cat", DaemonJson.PATH));
        assertEquals("warn", json.get("log-level").asText());
        assertEquals("rack=a", json.get("labels").get(0).asText());
        assertEquals(storeUrl, json.get("cluster-store").asText());
        assertEquals(h3.address() + ":2376", json.get("cluster-advertise").asText());
        assertEquals(ORIGINAL, LAB.lab().exec(h3, "cat", BACKUP).stdout());
        assertFalse(LAB.lab().inHost(h3, "test", "-e", DockerdDropIn.PATH).succeeded(), "no drop-in without systemd");
        assertEquals(storeUrl, in(h3, "docker", "info", "--format", "{{.ClusterStore}}"));
        assertEquals(h3.address() + ":2376", in(h3, "docker", "info", "--format", "{{.ClusterAdvertise}}"));

        // labnet is created on h2 (systemd); h3 sees it through the store, and the overlay carries traffic.
        assertEquals(java.util.Optional.of(h2.name()), report.networks().get(0).createdOn());
        assertEquals("global", in(h3, "docker", "network", "inspect", "--format", "{{.Scope}}", "labnet"));
        in(h2, "docker", "run", "-d", "--name", "web2", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-from-h2 | nc -l -p 8080; done");
        String answer = in(h3, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do nc web2 8080 </dev/null && exit 0; sleep 1; done; exit 1");
        assertEquals("hello-from-h2", answer);
    }

    @Test
    @Order(2)
    void doctorFindsNothingWrongOnTheHostWithoutSystemd() {
        DoctorReport report = DoctorLabIT.doctor(topology, LAB.lab().topologyPath());
        List<Finding> bad = report.results().filter(r -> r.host().equals(h3.name()))
                .filter(r -> r.severity() == Severity.ERROR || r.severity() == Severity.WARNING).toList();
        assertEquals(List.of(), bad);
        // The checks that read dockerd's configuration and log did so through the init script's dockerd.
        Finding conflict = DoctorLabIT.result(report, "dockerd.config-conflict", h3.name());
        assertTrue(conflict.message().startsWith("not a systemd host"), conflict.message());
        assertEquals(Severity.PASS, DoctorLabIT.result(report, "dockerd.log", h3.name()).severity());
        assertEquals(Severity.PASS, DoctorLabIT.result(report, "dockerd.cluster-store", h3.name()).severity());
    }

    @Test
    @Order(3)
    void aSecondRunThroughSudoChangesNothingAndRestartsNothing() {
        String pid = dockerdPid(h3);
        String file = in(h3, "cat", DaemonJson.PATH);
        try (OpenHosts hosts = open(sudoTopology, sudoFile)) {
            Provision provision = new Provision(sudoTopology, hosts, new Planner());
            Plan plan = provision.plan();
            assertTrue(plan.nothingToDo(), plan.toString());
            ChangeReport report = provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);
            assertFalse(report.changedAnything(), report.toString());
            assertEquals(HostOutcome.Status.UNCHANGED, statuses(report.hosts()).get(h3.name()));
        }
        assertEquals(pid, dockerdPid(h3));
        assertEquals(file, in(h3, "cat", DaemonJson.PATH));
    }

    @Test
    @Order(4)
    void resetGivesBackTheOperatorsDaemonJsonByteForByte() {
        LAB.lab().exec(h2, "docker", "rm", "-f", "web2");
        ChangeReport report = reset();

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(HostOutcome.Status.CHANGED, statuses(report.hosts()).get(h3.name()), report.toString());
        assertEquals(ORIGINAL, LAB.lab().exec(h3, "cat", DaemonJson.PATH).stdout());
        assertFalse(LAB.lab().inHost(h3, "test", "-e", BACKUP).succeeded(), "ovl's backup is gone");
        assertEquals("", in(h3, "docker", "info", "--format", "{{.ClusterStore}}"));
        assertEquals("[rack=a]", in(h3, "docker", "info", "--format", "{{.Labels}}"));

        ChangeReport again = reset();
        assertFalse(again.changedAnything(), again.toString());
    }

    @Test
    @Order(5)
    void aDaemonJsonDockerdRefusesIsRolledBackAndARunningFlagIsThenReportedBeforeAnyChange() {
        LAB.lab().exec(h3, "cp", "/etc/default/docker", "/root/default-docker.orig");
        try (OpenHosts hosts = open(topology, LAB.lab().topologyPath())) {
            Provision provision = new Provision(topology, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            // After planning, someone gives dockerd --cluster-store in /etc/default/docker: dockerd refuses a
            // setting given both as a flag and in daemon.json, so it exits right after the init script starts
            // it; without ovl's keys it accepts the flag alone, so the rollback can bring it back.
            LAB.lab().exec(h3, "sh", "-c", "printf 'DOCKER_OPTS=\"--cluster-store=%s\"\\n' \"$1\" >> /etc/default/docker",
                    "sh", storeUrl);

            ChangeReport report = provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);

            assertEquals(ExitCode.HOST_FAILED, report.exitCode());
            Map<String, HostOutcome.Status> statuses = statuses(report.hosts());
            assertEquals(HostOutcome.Status.CHANGED, statuses.get(h2.name()), report.toString());
            assertEquals(HostOutcome.Status.ROLLED_BACK, statuses.get(h3.name()), report.toString());
            String detail = report.hosts().stream().filter(o -> o.host().equals(h3.name())).findFirst().orElseThrow()
                    .detail();
            assertTrue(detail.contains("exited after the restart") && detail.contains("cluster-store"), detail);
        }
        assertEquals(ORIGINAL, LAB.lab().exec(h3, "cat", DaemonJson.PATH).stdout());
        assertTrue(LAB.lab().inHost(h3, "docker", "info").succeeded(), "dockerd is up again");
        assertTrue(LAB.lab().exec(h3, "sh", "-c", "tr '\\0' ' ' < /proc/$(pgrep -o -x dockerd)/cmdline").stdout()
                .contains("--cluster-store=" + storeUrl));

        // Now the running dockerd has the flag: the next plan refuses before touching anything.
        String pid = dockerdPid(h3);
        try (OpenHosts hosts = open(topology, LAB.lab().topologyPath())) {
            Plan plan = new Provision(topology, hosts, new Planner()).plan();
            Finding b = plan.blockers().stream().filter(x -> x.host().equals(h3.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(plan.blockers().toString()));
            assertEquals("daemon-json.flags", b.subject());
            assertTrue(b.message().contains("--cluster-store") && b.message().contains("DOCKER_OPTS"), b.message());
        } finally {
            LAB.lab().exec(h3, "cp", "/root/default-docker.orig", "/etc/default/docker");
        }
        assertEquals(pid, dockerdPid(h3));
        LAB.lab().exec(h3, "sh", "-c", "/etc/init.d/docker restart </dev/null");
        waitForDocker(h3);
    }

    @Test
    @Order(6)
    void resetAfterThePartialInitLeavesEveryHostAsItWas() {
        ChangeReport report = reset();
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(HostOutcome.Status.CHANGED, statuses(report.hosts()).get(h2.name()), report.toString());
        assertEquals(HostOutcome.Status.UNCHANGED, statuses(report.hosts()).get(h3.name()), report.toString());
        assertEquals(ORIGINAL, LAB.lab().exec(h3, "cat", DaemonJson.PATH).stdout());
        assertEquals("", in(h3, "docker", "info", "--format", "{{.ClusterStore}}"));
    }

    private static ChangeReport init(Topology t) {
        try (OpenHosts hosts = open(t, t == topology ? LAB.lab().topologyPath() : sudoFile)) {
            Provision provision = new Provision(t, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            return provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);
        }
    }

    private static ChangeReport reset() {
        try (OpenHosts hosts = open(sudoTopology, sudoFile)) {
            Reset reset = new Reset(sudoTopology, hosts);
            return reset.apply(reset.plan(false), ApplyOptions.defaults(false), ChangeProgress.NONE);
        }
    }

    private static OpenHosts open(Topology t, Path file) {
        return OpenHosts.overSsh(t, file, t.hosts(), SshConnector.fromSystem(), new ParallelHosts());
    }

    private static Map<String, HostOutcome.Status> statuses(List<HostOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(HostOutcome::host, HostOutcome::status));
    }

    /** The pid of h's dockerd; the same pid means it was not restarted. */
    private static String dockerdPid(LabHost h) {
        return in(h, "pgrep", "-o", "-x", "dockerd");
    }

    /** A readiness wait after the test's own restarts (bounded; not a timing assertion). */
    private static void waitForDocker(LabHost h) {
        LAB.lab().exec(h, "sh", "-c", "for i in $(seq 60); do docker info >/dev/null 2>&1 && exit 0; sleep 0.5; done; exit 1");
    }

    private static String in(LabHost h, String... argv) {
        CommandResult r = LAB.lab().inHost(h, argv);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }
}
