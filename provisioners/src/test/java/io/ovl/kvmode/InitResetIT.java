package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.change.NetworkOutcome;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.RunLock;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.render.DockerdDropIn;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
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
 * init and reset end to end on a lab of its own, three real hosts with Docker Engine 20.10: the store (etcd, local/etcd:3.4) on h1 (overlay: false), dockerd on h2 and h3, the
 * topology's network labnet. Drives the engine exactly as {@code ovl init} does (SSH sessions from
 * the topology, the same Plan for dry run and apply); the re-run and reset log in as the non-root
 * user ovl with become: sudo. The tests run in order on one lab, each
 * starting from where the previous one left the hosts. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitResetIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("init", LabLayout.of("20.10", "20.10", "20.10"));
    private static Topology topology;
    /** The same hosts reached as the non-root user "ovl" with passwordless sudo (become: sudo). */
    private static Topology sudoTopology;
    private static java.nio.file.Path sudoFile;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        topology = new TopologyLoader().load(LAB.lab().topologyPath()).orThrow();
        sudoFile = LAB.lab().sudoTopologyPath();
        sudoTopology = new TopologyLoader().load(sudoFile).orThrow();
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
    }

    @Test
    @Order(1)
    void initStartsTheStoreJoinsTheHostsAndTheOverlayCarriesTrafficByName() {
        ChangeReport report = init(false);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(HostOutcome.Status.CHANGED, report.store().get(0).status(), report.toString());
        assertEquals(Map.of(h2.name(), HostOutcome.Status.CHANGED, h3.name(), HostOutcome.Status.CHANGED),
                statuses(report.hosts()));
        String storeUrl = "etcd://" + h1.address() + ":2379/network";
        assertEquals(storeUrl, in(h2, "docker", "info", "--format", "{{.ClusterStore}}"));
        assertEquals(h3.address() + ":2376", in(h3, "docker", "info", "--format", "{{.ClusterAdvertise}}"));
        // The store runs as planned: host network, restart always, its data on a named volume.
        assertEquals("host always ovl-kv-etcd-data", in(h1, "docker", "inspect", "--format",
                "{{.HostConfig.NetworkMode}} {{.HostConfig.RestartPolicy.Name}} {{range .Mounts}}{{.Name}}{{end}}",
                "ovl-kv-etcd"));

        // Created once, on h2; h3 sees it through the store.
        NetworkOutcome labnet = report.networks().get(0);
        assertEquals(java.util.Optional.of(h2.name()), labnet.createdOn());
        assertEquals("global", in(h3, "docker", "network", "inspect", "--format", "{{.Scope}}", "labnet"));

        in(h2, "docker", "run", "-d", "--name", "web2", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-from-h2 | nc -l -p 8080; done");
        String answer = in(h3, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5; do nc web2 8080 </dev/null && exit 0; sleep 1; done; exit 1");
        assertEquals("hello-from-h2", answer);
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothingAndRestartsNothing() {
        String h2Started = dockerStarted(h2);
        String h3Started = dockerStarted(h3);
        // Through sudo as user ovl: the same facts must read the same, or it would plan changes.
        assertEquals(Optional.of("ovl"), sudoTopology.hosts().get(0).ssh().user());
        try (OpenHosts hosts = OpenHosts.overSsh(sudoTopology, sudoFile, sudoTopology.hosts(),
                SshConnector.fromSystem(), new ParallelHosts())) {
            Provision provision = new Provision(sudoTopology, hosts, new Planner());
            Plan plan = provision.plan();
            assertTrue(plan.nothingToDo(), plan.toString());
            // web2 runs on h2, but nothing restarts, so nothing needs --yes.
            assertEquals(List.of(), plan.restartsStoppingContainers());
            ChangeReport report = provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);
            assertEquals(ExitCode.OK, report.exitCode());
            assertFalse(report.changedAnything(), report.toString());
            assertEquals(Map.of(h2.name(), HostOutcome.Status.UNCHANGED, h3.name(), HostOutcome.Status.UNCHANGED),
                    statuses(report.hosts()));
        }
        assertEquals(h2Started, dockerStarted(h2));
        assertEquals(h3Started, dockerStarted(h3));
        assertEquals("true", in(h2, "docker", "inspect", "--format", "{{.State.Running}}", "web2"));
    }

    @Test
    @Order(3)
    void aSecondRunWaitsForTheLockOfTheFirst() {
        // h1 holds only the store (overlay: false): the lock lives on the first overlay host, h2, in every mode.
        try (OpenHosts first = open(); OpenHosts second = open();
             RunLock held = first.lock(topology, "ovl init by it-test pid 1")) {
            OvlException e = assertThrows(OvlException.class, () -> second.lock(topology, "ovl init by other"));
            assertTrue(e.getMessage().contains("held by ovl init by it-test pid 1 since "), e.getMessage());
            assertTrue(e.getMessage().contains(" s ago)"), e.getMessage());
            assertTrue(e.getMessage().startsWith("host " + h2.name() + ": lock:"), e.getMessage());
        }
        // Released: the next run gets it.
        try (OpenHosts again = open(); RunLock lock = again.lock(topology, "ovl init by it-test")) {
            assertTrue(LAB.lab().inHost(h2, "test", "-d", RunLock.PATH).succeeded());
        }
        assertFalse(LAB.lab().inHost(h2, "test", "-e", RunLock.PATH).succeeded());
        assertFalse(LAB.lab().inHost(h1, "test", "-e", RunLock.PATH).succeeded());
    }

    @Test
    @Order(4)
    void resetLeavesTheHostsAsTheyWereAndASecondResetDoesNothing() {
        ChangeReport report = reset();

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        for (LabHost h : List.of(h2, h3)) {
            assertFalse(LAB.lab().inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded(), h.name() + " still has the drop-in");
            assertEquals("active", in(h, "systemctl", "is-active", "docker.service"));
            assertEquals("", in(h, "docker", "info", "--format", "{{.ClusterStore}}"));
        }
        assertEquals("", in(h1, "docker", "ps", "-aq", "--filter", "name=ovl-kv-etcd"));
        // Without --purge the store's data stays.
        assertTrue(LAB.lab().inHost(h1, "docker", "volume", "inspect", "ovl-kv-etcd-data").succeeded());

        ChangeReport again = reset();
        assertFalse(again.changedAnything(), again.toString());
    }

    @Test
    @Order(5)
    void aHostWhoseNewConfigurationDoesNotStartIsRolledBackAndDockerIsUpAgain() {
        LAB.lab().inHost(h2, "docker", "rm", "-f", "web2");
        String h2Started = dockerStarted(h2);
        try (OpenHosts hosts = open()) {
            Provision provision = new Provision(topology, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            // After planning, someone puts the same cluster-store into h3's daemon.json: dockerd refuses
            // a setting given both as a flag (ovl's drop-in) and in the file, so h3's restart fails;
            // without the drop-in dockerd accepts the file alone, so the rollback can succeed.
            // (cluster-advertise alone would not do: dockerd also refuses it without a cluster-store,
            // and then the rollback fails too, as the report then says.)
            assertTrue(LAB.lab().inHost(h3, "sh", "-c", "printf '{\"cluster-store\": \"%s\"}\\n' \"$1\" > "
                    + "/etc/docker/daemon.json", "sh", plan.storeUrl()).succeeded());
            ChangeReport report;
            try {
                report = provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);
            } finally {
                LAB.lab().inHost(h3, "rm", "-f", "/etc/docker/daemon.json");
            }

            assertEquals(ExitCode.HOST_FAILED, report.exitCode());
            Map<String, HostOutcome.Status> statuses = statuses(report.hosts());
            assertEquals(HostOutcome.Status.CHANGED, statuses.get(h2.name()), report.toString());
            assertEquals(HostOutcome.Status.ROLLED_BACK, statuses.get(h3.name()), report.toString());
        }
        assertFalse(LAB.lab().inHost(h3, "test", "-e", DockerdDropIn.PATH).succeeded(), "the new drop-in was removed");
        assertEquals("active", in(h3, "systemctl", "is-active", "docker.service"));
        assertTrue(LAB.lab().inHost(h3, "docker", "info").succeeded());
        LAB.lab().inHost(h3, "systemctl", "restart", "docker.service"); // without the test's daemon.json again
        // The other host went ahead.
        assertFalse(h2Started.equals(dockerStarted(h2)));
        assertEquals("etcd://" + h1.address() + ":2379/network", in(h2, "docker", "info", "--format", "{{.ClusterStore}}"));
    }

    @Test
    @Order(6)
    void resetAfterAPartialInitCleansUpToo() {
        ChangeReport report = reset();
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(Map.of(h1.name(), HostOutcome.Status.UNCHANGED, h2.name(), HostOutcome.Status.CHANGED,
                h3.name(), HostOutcome.Status.UNCHANGED), statuses(report.hosts()));
        assertFalse(LAB.lab().inHost(h2, "test", "-e", DockerdDropIn.PATH).succeeded());
    }

    private static ChangeReport init(boolean rolling) {
        try (OpenHosts hosts = open()) {
            Provision provision = new Provision(topology, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            return provision.apply(plan, ApplyOptions.defaults(rolling), ChangeProgress.NONE);
        }
    }

    /** Reset as user ovl through sudo (files, systemctl, and the Docker API through `sudo docker system dial-stdio`). */
    private static ChangeReport reset() {
        try (OpenHosts hosts = OpenHosts.overSsh(sudoTopology, sudoFile, sudoTopology.hosts(),
                SshConnector.fromSystem(), new ParallelHosts())) {
            Reset reset = new Reset(sudoTopology, hosts);
            return reset.apply(reset.plan(false), ApplyOptions.defaults(false), ChangeProgress.NONE);
        }
    }

    private static OpenHosts open() {
        return OpenHosts.overSsh(topology, LAB.lab().topologyPath(), topology.hosts(),
                SshConnector.fromSystem(), new ParallelHosts());
    }

    private static Map<String, HostOutcome.Status> statuses(List<HostOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(HostOutcome::host, HostOutcome::status));
    }

    /** When dockerd last started; unchanged means not restarted. */
    private static String dockerStarted(LabHost h) {
        return in(h, "systemctl", "show", "-p", "ExecMainStartTimestampMonotonic", "--value", "docker.service");
    }

    private static String in(LabHost h, String... argv) {
        CommandResult r = LAB.lab().inHost(h, argv);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }

}
