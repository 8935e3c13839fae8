package io.ovl.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabHost;
import io.ovl.render.DockerdDropIn;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ovl migrate} end to end on a lab of its own: three real hosts with Docker Engine 20.10. The
 * lab's kv topology (etcd on h1, overlay: false; h2 and h3 with ovl's drop-in; labnet with subnet,
 * ip-range, gateway and an aux-address) is set up by kv init, a busybox container runs on labnet on
 * h2, and web3 on labnet on h3 with a fixed address, stopped (so not an endpoint Docker lists), then the
 * hosts move to a swarm topology derived from the lab's (h1 manager, all three in the
 * swarm). Drives the engine exactly as {@code ovl migrate} does (SSH sessions from the topology, one
 * plan for dry run and apply). The tests run in order, each starting where the previous one left the
 * hosts. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateLabIT {
    private static MigrateLab lab;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;
    /** labnet's IPAM and web2's address as kv mode had them, read in test 1. */
    private static String kvSubnet;
    private static String kvRange;
    private static String kvGateway;
    private static String web2Address;
    /** web3's fixed address (docker run --ip), in labnet's ip-range; web3 is stopped before the migration. */
    private static final String WEB3_ADDRESS = "172.16.16.200";

    @BeforeAll
    static void up() {
        lab = new MigrateLab("migrate");
        h1 = lab.host("h1");
        h2 = lab.host("h2");
        h3 = lab.host("h3");
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void kvInitAndAContainerOnLabnetOnH2() {
        lab.kvInit();
        assertEquals("global", in(h3, "docker", "network", "inspect", "--format", "{{.Scope}}", "labnet"));
        in(h2, "docker", "run", "-d", "--name", "web2", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-from-web2 | nc -l -p 8080; done");
        kvSubnet = ipam(h2, "Subnet");
        kvRange = ipam(h2, "IPRange");
        kvGateway = ipam(h2, "Gateway");
        assertEquals(List.of("172.16.16.0/24", "172.16.16.128/25", "172.16.16.1"), List.of(kvSubnet, kvRange, kvGateway));
        web2Address = in(h2, "docker", "inspect", "--format", "{{(index .NetworkSettings.Networks \"labnet\").IPAddress}}",
                "web2");
        assertTrue(web2Address.startsWith("172.16.16."), web2Address);
        // A service stopped by its owner (restart: unless-stopped, then docker stop): it still names labnet's kv ID.
        in(h3, "docker", "run", "-d", "--name", "web3", "--restart", "unless-stopped", "--network", "labnet", "--ip",
                WEB3_ADDRESS, "local/busybox:1", "sh", "-c", "while true; do echo hello-from-web3 | nc -l -p 8080; done");
        in(h3, "docker", "stop", "-t", "1", "web3");
        assertEquals("exited", in(h3, "docker", "inspect", "--format", "{{.State.Status}}", "web3"));
        assertEquals(in(h3, "docker", "network", "inspect", "--format", "{{.Id}}", "labnet"), in(h3, "docker", "inspect",
                "--format", "{{(index .NetworkSettings.Networks \"labnet\").NetworkID}}", "web3"));
    }

    @Test
    @Order(2)
    void theDryRunPlansTheWholeMigrationAndChangesNothingOnTheHosts() {
        String h2Started = dockerStarted(h2);
        String h3Started = dockerStarted(h3);

        MigrationPlan plan = lab.plan();

        assertEquals(List.of(), plan.blockers());
        assertEquals(List.of(h2.name(), h3.name()), plan.kvReset().hosts().stream().filter(p -> p.restartDocker())
                .map(p -> p.host()).toList());
        assertEquals(List.of("labnet"), plan.networks().stream().map(CarriedNetwork::name).toList());
        assertEquals(List.of(new Reconnect(h2.name(), "web2", List.of(new Attachment(h2.name(), "web2", "labnet",
                web2Address))), new Reconnect(h3.name(), "web3", List.of(new Attachment(h3.name(), "web3", "labnet",
                WEB3_ADDRESS, true)))), plan.reconnects());
        // Nothing changed: same dockerd runs (not restarted), still with its store and drop-in, no swarm, no inventory.
        assertEquals(h2Started, dockerStarted(h2));
        assertEquals(h3Started, dockerStarted(h3));
        for (LabHost h : List.of(h2, h3)) {
            assertEquals("etcd://" + h1.address() + ":2379/network", in(h, "docker", "info", "--format", "{{.ClusterStore}}"));
            assertTrue(lab.lab.inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded(), h.name());
        }
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("inactive", in(h, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}"), h.name());
            assertFalse(lab.lab.inHost(h, "test", "-e", KvInventory.PATH).succeeded(), h.name());
        }
        assertEquals("true", in(h2, "docker", "inspect", "--format", "{{.State.Running}}", "web2"));
        assertEquals("exited", in(h3, "docker", "inspect", "--format", "{{.State.Status}}", "web3"));
    }

    @Test
    @Order(3)
    void migrateMakesOneSwarmWithLabnetsAddressingAndReportsWeb2() {
        MigrationReport report = lab.migrate(false);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        // No host runs with a cluster-store; all three are nodes of h1's swarm.
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("", in(h, "docker", "info", "--format", "{{.ClusterStore}}"), h.name());
            assertFalse(lab.lab.inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded(), h.name());
            assertEquals("active", in(h, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}"), h.name());
        }
        assertEquals(List.of(h1.name(), h2.name(), h3.name()), in(h1, "docker", "node", "ls", "--format",
                "{{.Hostname}}").lines().sorted().toList());
        // labnet now lives in the swarm, with the subnet, ip-range and gateway it had in kv mode.
        assertEquals("swarm true", in(h1, "docker", "network", "inspect", "--format", "{{.Scope}} {{.Attachable}}", "labnet"));
        assertEquals(List.of(kvSubnet, kvRange, kvGateway), List.of(ipam(h1, "Subnet"), ipam(h1, "IPRange"),
                ipam(h1, "Gateway")));
        assertEquals(List.of("labnet"), report.checks().stream().filter(NetworkCheck::ok).map(NetworkCheck::name).toList());
        // The report names the containers to reconnect, on their hosts, with their kv addresses; web3 as stopped.
        assertEquals(List.of(h2.name() + " web2 labnet " + web2Address + " running",
                h3.name() + " web3 labnet " + WEB3_ADDRESS + " stopped"), report.reconnects().stream()
                .flatMap(r -> r.attachments().stream()).map(a -> a.host() + " " + a.container() + " " + a.network()
                        + " " + a.ipv4() + (a.stopped() ? " stopped" : " running")).toList());
        // Seen on Engine 20.10: the stopped container cannot start while it names the kv network.
        CommandResult start = lab.lab.inHost(h3, "docker", "start", "web3");
        assertFalse(start.succeeded(), start.describe());
        assertTrue(start.stderr().contains("Could not attach to network"), start.describe());
        // The store is kept.
        assertEquals("true", in(h1, "docker", "inspect", "--format", "{{.State.Running}}", "ovl-kv-etcd"));
    }

    @Test
    @Order(4)
    void theReportsCommandsReconnectWeb2WithItsAddressAndAContainerOnAnotherHostReachesIt() {
        MigrationPlan plan = lab.plan();
        // Read again from the inventory migrate saved (no host shows the kv network any more).
        assertEquals(List.of(h2.name() + " web2", h3.name() + " web3"), plan.reconnects().stream()
                .map(r -> r.host() + " " + r.container()).toList());
        Reconnect web2 = plan.reconnects().get(0);
        for (List<String> argv : web2.commands()) {
            in(h2, argv.toArray(String[]::new));
        }
        // web3's commands reconnect it and leave it stopped; it starts afterwards, with its address on the swarm's labnet.
        for (List<String> argv : plan.reconnects().get(1).commands()) {
            in(h3, argv.toArray(String[]::new));
        }
        assertEquals("exited", in(h3, "docker", "inspect", "--format", "{{.State.Status}}", "web3"));
        in(h3, "docker", "start", "web3");
        assertEquals("running " + WEB3_ADDRESS + " " + in(h1, "docker", "network", "inspect", "--format", "{{.Id}}",
                "labnet"), in(h3, "docker", "inspect", "--format", "{{.State.Status}} {{(index .NetworkSettings.Networks"
                + " \"labnet\").IPAddress}} {{(index .NetworkSettings.Networks \"labnet\").NetworkID}}", "web3"));

        assertEquals(web2Address, in(h2, "docker", "inspect", "--format",
                "{{(index .NetworkSettings.Networks \"labnet\").IPAddress}}", "web2"));
        for (String target : List.of(web2Address, "web2")) {
            CommandResult r = lab.lab.inHost(h3, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1", "sh", "-c",
                    "for i in 1 2 3 4 5 6 7 8 9 10; do nc -w 2 " + target + " 8080 </dev/null && exit 0; sleep 1; done;"
                            + " exit 1");
            assertEquals("hello-from-web2", r.stdout().strip(), target + ": " + r.describe());
        }
    }

    @Test
    @Order(5)
    void aSecondMigrateHasNothingToDo() {
        MigrationPlan plan = lab.plan();
        assertEquals(List.of(), plan.blockers());
        assertTrue(plan.nothingToDo(), plan.toString());
        // web2 and web3 now name the swarm's labnet: nothing left to reconnect.
        assertEquals(List.of(), plan.reconnects());
    }

    private static String ipam(LabHost h, String field) {
        return in(h, "docker", "network", "inspect", "--format", "{{range .IPAM.Config}}{{." + field + "}}{{end}}", "labnet");
    }

    private static String dockerStarted(LabHost h) {
        return in(h, "systemctl", "show", "-p", "ExecMainStartTimestampMonotonic", "--value", "docker.service");
    }

    private static String in(LabHost h, String... argv) {
        return lab.in(h, argv);
    }
}
