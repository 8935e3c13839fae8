package io.ovl.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabHost;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A migration that fails half-way and is finished by a second run, on a lab of its own (three
 * Engine 20.10 hosts, the lab's kv topology, labnet). The fault: something else holds port 2377 on
 * the manager h1, so swarm init fails after the drop-ins are gone and dockerd runs without the store
 * everywhere, when no host shows the kv network any more. The report must say so; once the port is
 * free, a second migrate must finish from the inventory the first one saved. Both runs pass
 * --reconnect; idle2, on labnet on h2 but stopped before the migration (no fixed address), must be
 * reconnected and left stopped. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateResumeLabIT {
    private static final String PORT_HOLDER = "it-holds-2377";
    private static MigrateLab lab;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;
    private static String web3Address;

    @BeforeAll
    static void up() {
        lab = new MigrateLab("migres");
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
    void aSwarmInitThatFailsAfterTheRestartsStopsAndSaysWhereTheHostsStand() {
        lab.kvInit();
        in(h3, "docker", "run", "-d", "--name", "web3", "--restart", "always", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-from-web3 | nc -l -p 8080; done");
        web3Address = in(h3, "docker", "inspect", "--format", "{{(index .NetworkSettings.Networks \"labnet\").IPAddress}}",
                "web3");
        in(h2, "docker", "run", "-d", "--name", "idle2", "--network", "labnet", "local/busybox:1", "sleep", "100000");
        in(h2, "docker", "stop", "-t", "1", "idle2");
        in(h1, "docker", "run", "-d", "--name", PORT_HOLDER, "--network", "host", "local/busybox:1", "httpd", "-f", "-p", "2377");

        MigrationReport report = lab.migrate(true);

        assertEquals(ExitCode.HOST_FAILED, report.exitCode(), report.toString());
        assertTrue(report.stopped().orElseThrow().startsWith("every host runs without the store now"), report.toString());
        ChangeReport swarmPart = report.swarm().orElseThrow();
        HostOutcome h1Init = swarmPart.hosts().stream().filter(o -> o.host().equals(h1.name())).findFirst().orElseThrow();
        assertEquals(HostOutcome.Status.FAILED, h1Init.status(), report.toString());
        assertTrue(h1Init.detail().startsWith("host " + h1.name() + ": swarm init"), h1Init.detail());
        // dockerd runs without the store on h2 and h3, so they no longer list labnet; only the saved inventory has it.
        for (LabHost h : List.of(h2, h3)) {
            assertEquals("", in(h, "docker", "info", "--format", "{{.ClusterStore}}"));
            assertFalse(lab.lab.inHost(h, "docker", "network", "inspect", "labnet").succeeded(), h.name());
            assertTrue(lab.lab.inHost(h, "test", "-s", KvInventory.PATH).succeeded(), h.name());
        }
        // --reconnect runs nothing while the networks are not there; web3 and the stopped idle2 stay to be reconnected.
        assertEquals(List.of(), report.reconnected());
        assertEquals(List.of(h3.name() + " web3 running", h2.name() + " idle2 stopped"), report.reconnects().stream()
                .map(r -> r.host() + " " + r.container() + (r.stopped() ? " stopped" : " running")).toList());
        assertEquals("false", in(h3, "docker", "inspect", "--format", "{{.State.Running}}", "web3"));
    }

    @Test
    @Order(2)
    void aSecondRunOnceThePortIsFreeFinishesFromTheSavedInventory() {
        in(h1, "docker", "rm", "-f", PORT_HOLDER);

        MigrationPlan plan = lab.plan();
        assertEquals(List.of(), plan.blockers());
        assertTrue(plan.kvReset().hosts().stream().noneMatch(p -> p.changesSomething()), plan.kvReset().toString());
        assertEquals(List.of("labnet"), plan.networks().stream().map(CarriedNetwork::name).toList());

        MigrationReport report = lab.migrate(true);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        // --reconnect brought web3 back on the swarm's labnet with the address it had in kv mode.
        assertEquals(List.of(h3.name() + " CHANGED", h2.name() + " CHANGED"), report.reconnected().stream()
                .map(o -> o.host() + " " + o.status()).toList());
        assertEquals(List.of(), report.reconnects());
        // idle2 was reconnected, not started; it starts now and gets an address on the swarm's labnet.
        assertEquals("exited", in(h2, "docker", "inspect", "--format", "{{.State.Status}}", "idle2"));
        in(h2, "docker", "start", "idle2");
        String labnetId = in(h1, "docker", "network", "inspect", "--format", "{{.Id}}", "labnet");
        String idle2 = in(h2, "docker", "inspect", "--format", "{{.State.Status}} {{(index .NetworkSettings.Networks"
                + " \"labnet\").NetworkID}} {{(index .NetworkSettings.Networks \"labnet\").IPAddress}}", "idle2");
        assertTrue(idle2.startsWith("running " + labnetId + " 172.16.16."), idle2);
        assertEquals("true " + web3Address, in(h3, "docker", "inspect", "--format",
                "{{.State.Running}} {{(index .NetworkSettings.Networks \"labnet\").IPAddress}}", "web3"));
        CommandResult reach = lab.lab.inHost(h2, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1", "sh",
                "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do nc -w 2 " + web3Address + " 8080 </dev/null && exit 0; sleep 1;"
                        + " done; exit 1");
        assertEquals("hello-from-web3", reach.stdout().strip(), reach.describe());
        assertEquals(List.of(h1.name(), h2.name(), h3.name()), in(h1, "docker", "node", "ls", "--format",
                "{{.Hostname}}").lines().sorted().toList());
        assertEquals("swarm 172.16.16.0/24 172.16.16.128/25 172.16.16.1", in(h1, "docker", "network", "inspect", "--format",
                "{{.Scope}}{{range .IPAM.Config}} {{.Subnet}} {{.IPRange}} {{.Gateway}}{{end}}", "labnet"));
    }

    private static String in(LabHost h, String... argv) {
        return lab.in(h, argv);
    }
}
