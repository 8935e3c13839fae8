package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.hosts.RunLock;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.render.DockerdDropIn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ovl init} with doctor's checks as its preflight, through the real command line, on a lab
 * of three real hosts with Engine 20.10 (store on h1, overlay on h2 and h3). A fault doctor finds
 * (7946/tcp dropped by iptables on h3) stops init with exit 3 naming host and check, and nothing
 * changes on any host: no drop-in, no store container, no run lock left, dockerd not restarted
 * (systemd's InvocationID of docker.service is the same before and after). Without the fault init
 * succeeds, and a second run is not stopped by checks of a set-up cluster. Before any init, the
 * net commands stop at once, naming the hosts whose dockerd has no cluster store (this lab is the
 * one that starts from hosts nobody has set up). Tests run in order on one lab. Skips when not
 * root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitPreflightIT {
    private static final String STORE_CONTAINER = "ovl-kv-etcd";
    private static final String[] DROP_7946 = {"iptables", "-I", "INPUT", "-p", "tcp", "--dport", "7946", "-j", "DROP"};
    private static final String[] UNDROP_7946 = {"iptables", "-D", "INPUT", "-p", "tcp", "--dport", "7946", "-j", "DROP"};

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("pre", LabLayout.of("20.10", "20.10", "20.10"));
    private static Path topology;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        topology = LAB.lab().topologyPath();
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
    }

    /** Runs before any init: the overlay hosts' dockerd have no cluster store yet. */
    @Test
    @Order(0)
    void netCommandsBeforeInitSayRunInitWithExit3AndCreateNothing() {
        Map<String, String> invocations = invocations();
        String expected = "ovl: " + h2.name() + ", " + h3.name() + ": dockerd has no cluster store; run `ovl init` first\n";

        Cli.Run create = Cli.run("net", "create", "early", "--subnet", "172.16.99.0/24", "-f", topology.toString());
        Cli.Run ls = Cli.run("net", "ls", "-f", topology.toString());
        Cli.Run verify = Cli.run("net", "verify", "early", "-f", topology.toString());

        for (Cli.Run r : List.of(create, ls, verify)) {
            assertEquals(3, r.exit(), r.out() + r.err());
            assertEquals(expected, r.err());
            assertEquals("", r.out());
        }
        for (LabHost h : List.of(h1, h2, h3)) {
            assertFalse(in(h, "docker", "network", "ls", "--format", "{{.Name}}").lines().anyMatch("early"::equals),
                    "network created on " + h.name());
            assertEquals("", in(h, "docker", "ps", "-aq", "--filter", "label=io.ovl.probe"), "probe left on " + h.name());
        }
        assertUntouched(invocations);
    }

    @Test
    @Order(1)
    void aBlockedGossipPortStopsInitWithExit3AndNothingChangesAnywhere() {
        Map<String, String> invocations = invocations();
        LAB.lab().exec(h3, DROP_7946);
        Cli.Run r;
        try {
            r = Cli.run("init", "-f", topology.toString(), "--yes");
        } finally {
            LAB.lab().exec(h3, UNDROP_7946);
        }

        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("nothing was changed: host " + h3.name() + ": ports.reachable: "), r.err());
        assertTrue(r.err().contains(h2.name() + " -> " + h3.name() + " (" + h3.address() + ") tcp/7946"), r.err());
        assertTrue(r.out().contains("  error: host " + h3.name() + ": ports.reachable: "), r.out());
        assertTrue(r.out().contains("      fix: allow tcp/7946 in from the overlay hosts on " + h3.name()), r.out());
        assertUntouched(invocations);
    }

    @Test
    @Order(2)
    void aDuplicateHostnameStopsInitOnBothHostsAndNothingChanges() {
        Map<String, String> invocations = invocations();
        String own = in(h3, "hostname");
        LAB.lab().exec(h3, "hostname", in(h2, "hostname"));
        Cli.Run r;
        try {
            r = Cli.run("init", "-f", topology.toString(), "--yes");
        } finally {
            LAB.lab().exec(h3, "hostname", own);
        }

        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("  error: host " + h2.name() + ": host.hostname-unique: "), r.out());
        assertTrue(r.out().contains("  error: host " + h3.name() + ": host.hostname-unique: "), r.out());
        assertUntouched(invocations);
    }

    @Test
    @Order(3)
    void ignoringTheFailingCheckInADryRunShowsItAsAWarningAndChangesNothing() {
        Map<String, String> invocations = invocations();
        Map<String, Integer> logins = sshLogins();
        LAB.lab().exec(h3, DROP_7946);
        Cli.Run r;
        try {
            r = Cli.run("init", "-f", topology.toString(), "--dry-run", "--ignore", "ports.reachable");
        } finally {
            LAB.lab().exec(h3, UNDROP_7946);
        }

        assertEquals(0, r.exit(), r.out() + r.err());
        // The checks ran over init's own sessions: sshd on every host accepted exactly one login.
        Map<String, Integer> oneMore = new LinkedHashMap<>();
        logins.forEach((host, n) -> oneMore.put(host, n + 1));
        assertEquals(oneMore, sshLogins());
        assertTrue(r.out().contains("  warning: host " + h3.name() + ": ports.reachable (ignored): "), r.out());
        assertTrue(r.out().contains("create container " + STORE_CONTAINER), r.out());
        assertUntouched(invocations);
    }

    @Test
    @Order(4)
    void withoutTheFaultInitSucceedsAndASecondRunIsNotStoppedByTheSetUpCluster() {
        Cli.Run first = Cli.run("init", "-f", topology.toString(), "--yes");
        assertEquals(0, first.exit(), first.out() + first.err());
        assertTrue(first.out().contains("0 error(s)"), first.out());
        assertEquals("etcd://" + h1.address() + ":2379/network", in(h2, "docker", "info", "--format", "{{.ClusterStore}}"));
        assertEquals("etcd://" + h1.address() + ":2379/network", in(h3, "docker", "info", "--format", "{{.ClusterStore}}"));

        // After setup dockerd holds 7946 and the store's port is served: the checks must still pass.
        Map<String, String> invocations = invocations();
        Cli.Run again = Cli.run("init", "-f", topology.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("0 error(s)"), again.out());
        assertTrue(again.out().contains("Nothing to do"), again.out());
        assertEquals(invocations, invocations(), "nothing restarted");
    }

    @Test
    @Order(5)
    void aStoppedStoreDoesNotStopInitWhichStartsIt() {
        LAB.lab().exec(h1, "docker", "stop", STORE_CONTAINER);

        Cli.Run r = Cli.run("init", "-f", topology.toString(), "--yes");

        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("start the stopped container " + STORE_CONTAINER), r.out());
        assertEquals("true", in(h1, "docker", "inspect", "--format", "{{.State.Running}}", STORE_CONTAINER));
    }

    /** No drop-in, no store container, no lock left, and docker.service still runs its earlier invocation. */
    private static void assertUntouched(Map<String, String> invocationsBefore) {
        for (LabHost h : List.of(h2, h3)) {
            assertFalse(LAB.lab().inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded(), "drop-in on " + h.name());
        }
        assertEquals("", in(h1, "docker", "ps", "-aq", "--filter", "name=" + STORE_CONTAINER), "store container");
        for (LabHost h : List.of(h1, h2, h3)) {
            assertFalse(LAB.lab().inHost(h, "test", "-e", RunLock.PATH).succeeded(), "run lock left on " + h.name());
        }
        assertEquals(invocationsBefore, invocations(), "docker.service restarted somewhere");
    }

    /** How many logins sshd in each host has accepted (its journal; lab/exec does not go through sshd). */
    private static Map<String, Integer> sshLogins() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (LabHost h : List.of(h1, h2, h3)) {
            out.put(h.name(), Integer.parseInt(in(h, "sh", "-c",
                    "journalctl --no-pager -o cat -u ssh.service | grep -c 'Accepted publickey' || true")));
        }
        return out;
    }

    private static Map<String, String> invocations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (LabHost h : List.of(h1, h2, h3)) {
            String id = in(h, "systemctl", "show", "-p", "InvocationID", "--value", "docker.service");
            assertFalse(id.isEmpty(), "docker.service on " + h.name() + " has an InvocationID");
            out.put(h.name(), id);
        }
        return out;
    }

    private static String in(LabHost host, String... command) {
        CommandResult r = LAB.lab().exec(host, command);
        return r.stdout().strip();
    }
}
