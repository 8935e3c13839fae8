package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Day 2 in kv mode, through the real command line on four Engine 20.10 hosts (h1 the etcd store,
 * h2..h4 overlay hosts): the overlay is set up on h2 and h3 first; h4 is added to the file and
 * init changes only h4 (the others' dockerd keeps its start time); h4 is removed with
 * {@code reset --hosts h4}, refused while a container there is on the overlay, then with --force;
 * the rest still carries traffic. Tests run in order on one lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DayTwoLabIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("day2", LabLayout.of("20.10", "20.10", "20.10", "20.10"));
    private static LabHost h2;
    private static LabHost h3;
    private static LabHost h4;
    private static Path all;
    private static Path three;

    @BeforeAll
    static void up() {
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        h4 = LAB.host("h4");
        all = LAB.lab().topologyPath();
        try {
            String text = Files.readString(all);
            String without = text.replaceAll("(?m)^  - name: " + h4.name() + "\\n    address: .*\\n    # engine: .*\\n", "");
            assertTrue(!without.equals(text) && !without.contains(h4.name()), without);
            three = LAB.lab().stateDir().resolve("topology-three.yaml");
            Files.writeString(three, without);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void anUnknownHostNameIsAnErrorNamingItBeforeAnyHostIsContacted() {
        Cli.Run r = Cli.run("init", "-f", three.toString(), "--hosts", h2.name() + ",nope", "--dry-run");

        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--hosts: no host named nope in the topology; its hosts are "), r.err());
    }

    @Test
    @Order(2)
    void initOnTheFirstThreeHosts() {
        Cli.Run r = Cli.run("init", "-f", three.toString(), "--yes");

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", clusterStore(h4));
        assertTrue(clusterStore(h2).startsWith("etcd://"), clusterStore(h2));
    }

    @Test
    @Order(3)
    void addingAHostToTheFileChangesOnlyThatHost() {
        String h2Started = dockerStarted(h2);
        String h3Started = dockerStarted(h3);

        Cli.Run r = Cli.run("init", "-f", all.toString(), "--yes");

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(h2Started, dockerStarted(h2));
        assertEquals(h3Started, dockerStarted(h3));
        assertEquals(clusterStore(h2), clusterStore(h4));
        assertTrue(LAB.lab().inHost(h4, "docker", "network", "inspect", "labnet").succeeded(), "h4 sees labnet");
    }

    @Test
    @Order(4)
    void doctorOnOneHostReportsThatHostOnly() throws IOException {
        Cli.Run r = Cli.run("doctor", "-f", all.toString(), "--no-probe", "--hosts", h4.name(), "--output", "json");

        JsonNode body = JSON.readTree(r.out());
        JsonNode doc = body.has("body") ? body.get("body") : body;
        assertEquals(List.of(h4.name()), JSON.convertValue(doc.get("hosts"), List.class), r.out());
        Set<String> hosts = new HashSet<>();
        doc.get("checks").forEach(c -> c.get("results").forEach(x -> hosts.add(x.get("host").asText())));
        hosts.remove("topology");
        assertEquals(Set.of(h4.name()), hosts, r.out());
    }

    @Test
    @Order(5)
    void removingAHostWithAContainerOnTheOverlayIsRefusedThenForcedAndTheRestStillWorks() {
        assertTrue(LAB.lab().inHost(h4, "docker", "run", "-d", "--name", "web4", "--network", "labnet", "local/busybox:1",
                "sleep", "3600").succeeded());
        String h2Started = dockerStarted(h2);

        Cli.Run refused = Cli.run("reset", "-f", all.toString(), "--hosts", h4.name(), "--yes");

        assertEquals(3, refused.exit(), refused.out() + refused.err());
        assertTrue((refused.out() + refused.err()).contains("web4 (labnet)"), refused.out() + refused.err());
        assertEquals(clusterStore(h2), clusterStore(h4));

        Cli.Run forced = Cli.run("reset", "-f", all.toString(), "--hosts", h4.name(), "--force", "--yes");

        assertEquals(0, forced.exit(), forced.out() + forced.err());
        assertTrue(forced.out().contains(h4.name() + ": --force: disconnects web4 from labnet"), forced.out());
        assertTrue(forced.out().contains("next: delete " + h4.name() + " from "), forced.out());
        assertEquals("", clusterStore(h4));
        assertEquals(h2Started, dockerStarted(h2));
        assertEquals("true", LAB.lab().inHost(LAB.host("h1"), "docker", "inspect", "--format", "{{.State.Running}}",
                "ovl-kv-etcd").stdout().strip(), "the store stays");

        Cli.Run verify = Cli.run("net", "verify", "labnet", "-f", three.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
    }

    private static String clusterStore(LabHost h) {
        return LAB.lab().inHost(h, "docker", "info", "--format", "{{.ClusterStore}}").stdout().strip();
    }

    /** When systemd last started dockerd on the host: unchanged means not restarted. */
    private static String dockerStarted(LabHost h) {
        String s = LAB.lab().inHost(h, "systemctl", "show", "-p", "ExecMainStartTimestampMonotonic", "docker").stdout().strip();
        assertTrue(s.matches("ExecMainStartTimestampMonotonic=[1-9][0-9]*"), s);
        return s;
    }
}
