package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.render.DockerdDropIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * ovl's ZooKeeper store for real, through the real command line: four Engine 20.10 hosts on two
 * routed subnets (h1, h2 on the first; h3, h4 behind the router), {@code local/zookeeper:3.8}
 * (Debian's ZooKeeper 3.8, lab/up --store zookeeper). First one ZooKeeper server on h1 with h2..h4
 * as overlay hosts, then, after reset and with the store's data wiped, three servers on h1..h3
 * (their quorum and election ports cross the router) with the same overlay hosts: so h2 and h3
 * are store members and Docker hosts at once, and init restarts each dockerd, and with it the
 * member on that host, while the other two keep a quorum.
 *
 * <p>Each step: init (and a second init that changes nothing), {@code --cluster-store
 * zk://...}, a network created on one host seen as scope global on the others, doctor's store
 * checks (healthy; the store stopped; with three servers one of them stopped, then two), and
 * reset. What does not work, and is pinned here: a container joining a ZooKeeper-backed overlay
 * network makes dockerd 20.10 panic (see {@link #networkIsGlobalButDockerdPanicsWhenAContainerJoins}),
 * so no container reaches another over it. Tests run in order on one lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooKeeperLabIT {
    private static final String STORE = "ovl-kv-zookeeper";
    private static final List<String> STORE_VOLUMES = List.of("ovl-kv-zookeeper-data", "ovl-kv-zookeeper-datalog");
    private static final String IMAGE = "local/busybox:1";

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("zk", LabLayout.of("20.10", "20.10", "20.10", "20.10")
            .withSubnets(2).withStore("zookeeper"));
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;
    private static LabHost h4;
    private static Path one;
    private static Path three;

    @BeforeAll
    static void up() {
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        h4 = LAB.host("h4");
        try {
            // lab/up's topology: ZooKeeper on h1 (overlay: false), local/zookeeper:3.8, port 2181; no sample network.
            String text = Files.readString(LAB.lab().topologyPath());
            text = text.substring(0, text.indexOf("\nnetworks:") + 1);
            assertTrue(text.contains("  backend: zookeeper\n") && text.contains("  image: local/zookeeper:3.8\n")
                    && text.contains("  port: 2181\n"), text);
            one = LAB.lab().stateDir().resolve("topology-zk1.yaml");
            Files.writeString(one, text);
            three = LAB.lab().stateDir().resolve("topology-zk3.yaml");
            Files.writeString(three, text.replaceAll("(?m)^  hosts: \\[.*]$",
                    "  hosts: [" + h1.name() + ", " + h2.name() + ", " + h3.name() + "]"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- one server on h1 ----

    @Test
    @Order(1)
    void oneServerInitJoinsEveryOverlayHostAndASecondInitChangesNothing() {
        Cli.Run r = Cli.run("init", "-f", one.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("store healthy: zookeeper Mode: standalone"), r.out());
        assertClusterStore("zk://" + h1.address() + ":2181/network");
        assertEquals("Mode: standalone", srvrMode(h1));
        assertSecondInitChangesNothing(one);
    }

    @Test
    @Order(2)
    void oneServerNetworkIsGlobalOnEveryHostButDockerdPanicsWhenAContainerJoinsIt() {
        networkIsGlobalButDockerdPanicsWhenAContainerJoins(one, "zknet1", "172.16.16");
    }

    @Test
    @Order(3)
    void oneServerDoctorPassesThenNamesTheStoppedStore() {
        Cli.Run ok = Cli.run("doctor", "-f", one.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains(h1.address() + ":2181: zookeeper Mode: standalone"), ok.out());
        // What this IT shows below (a container's join panics dockerd) is told before anyone tries.
        assertTrue(ok.out().contains("panics when a container joins"), ok.out());

        LAB.lab().exec(h1, "docker", "stop", STORE);
        try {
            Cli.Run r = Cli.run("doctor", "-f", one.toString());
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(failLines(r, "kv.healthy").contains(h1.address() + ":2181"), r.out());
            assertTrue(failLines(r, "kv.reachable").contains(h1.name()), r.out());
        } finally {
            LAB.lab().exec(h1, "docker", "start", STORE);
        }
    }

    @Test
    @Order(4)
    void oneServerResetUndoesInit() {
        assertReset(one, List.of(h1));
        // A fresh store for the three servers: the one server's data (and its network zknet1) go.
        LAB.lab().exec(h1, "docker", "volume", "rm", STORE_VOLUMES.get(0), STORE_VOLUMES.get(1));
    }

    // ---- three servers on h1, h2, h3 ----

    @Test
    @Order(11)
    void threeServersInitFormAQuorumAndEveryOverlayHostUsesAllThree() {
        // Only what this init caused counts: the one-server tests before it stopped the store and
        // panicked dockerd on purpose, and a fixed window ("-5min") caught their discovery errors.
        Map<String, String> before = List.of(h2, h3, h4).stream()
                .collect(Collectors.toMap(LabHost::name, h -> in(h, "date", "+%Y-%m-%d %H:%M:%S")));
        Cli.Run r = Cli.run("init", "-f", three.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertClusterStore("zk://" + h1.address() + ":2181," + h2.address() + ":2181," + h3.address() + ":2181/network");
        Map<String, String> modes = List.of(h1, h2, h3).stream()
                .collect(Collectors.toMap(LabHost::name, ZooKeeperLabIT::srvrMode));
        assertEquals(1, modes.values().stream().filter("Mode: leader"::equals).count(), modes.toString());
        assertEquals(2, modes.values().stream().filter("Mode: follower"::equals).count(), modes.toString());
        for (LabHost h : List.of(h2, h3, h4)) {
            CommandResult log = LAB.lab().inHost(h, "journalctl", "--no-pager", "-o", "cat", "-u", "docker", "--since", before.get(h.name()));
            assertFalse(log.stdout().contains("discovery error"), h.name() + ": " + log.stdout());
        }
        assertSecondInitChangesNothing(three);
    }

    @Test
    @Order(12)
    void threeServersNetworkIsGlobalOnEveryHostButDockerdPanicsWhenAContainerJoinsIt() {
        networkIsGlobalButDockerdPanicsWhenAContainerJoins(three, "zknet3", "172.16.17");
    }

    @Test
    @Order(13)
    void threeServersDoctorPassesThenNamesTheOneStoppedServer() {
        Cli.Run ok = Cli.run("doctor", "-f", three.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        for (LabHost s : List.of(h1, h2, h3)) {
            assertTrue(ok.out().contains(s.address() + ":2181: zookeeper Mode: "), ok.out());
        }

        // One of three down: the other two keep the quorum and the overlay keeps working; doctor's
        // kv.healthy warns on each overlay host naming the one endpoint that does not answer (the
        // other two are not listed as unhealthy), and fails nothing.
        LAB.lab().exec(h3, "docker", "stop", STORE);
        try {
            assertEquals("Mode: leader", List.of(srvrMode(h1), srvrMode(h2)).stream()
                    .filter("Mode: leader"::equals).findFirst().orElse("no leader among h1, h2"));
            Cli.Run r = Cli.run("doctor", "-f", three.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals("", failLines(r, "kv.healthy"), r.out());
            String healthy = lines(r, "kv.healthy", "WARN");
            assertTrue(healthy.contains("1 of 3 store endpoints are not healthy from here: " + h3.address() + ":2181"),
                    r.out());
            assertFalse(healthy.contains(h1.address() + ":2181") || healthy.contains(h2.address() + ":2181"), r.out());
            // dockerd still works through the other two: a network created now is seen everywhere.
            Cli.Run net = Cli.run("net", "create", "zkminority", "-f", three.toString(), "--subnet", "172.16.18.0/24");
            assertEquals(0, net.exit(), net.out() + net.err());
            for (LabHost h : List.of(h2, h3, h4)) {
                assertEquals("global", in(h, "docker", "network", "inspect", "--format", "{{.Scope}}", "zkminority"),
                        h.name());
            }
        } finally {
            LAB.lab().exec(h3, "docker", "start", STORE);
        }
        // And with two of three down there is no quorum: nothing is healthy from anywhere.
        LAB.lab().exec(h2, "docker", "stop", STORE);
        LAB.lab().exec(h3, "docker", "stop", STORE);
        try {
            Cli.Run r = Cli.run("doctor", "-f", three.toString());
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(failLines(r, "kv.healthy").contains("the store is not healthy from here"), r.out());
            assertTrue(failLines(r, "kv.healthy").contains(h1.address() + ":2181: zookeeper srvr answered: "
                    + "This ZooKeeper instance is not currently serving requests"), r.out());
        } finally {
            LAB.lab().exec(h2, "docker", "start", STORE);
            LAB.lab().exec(h3, "docker", "start", STORE);
        }
    }

    @Test
    @Order(14)
    void threeServersResetUndoesInit() {
        assertReset(three, List.of(h1, h2, h3));
    }

    // ---- helpers ----

    private static void assertClusterStore(String url) {
        for (LabHost h : List.of(h2, h3, h4)) {
            assertEquals(url, in(h, "docker", "info", "--format", "{{.ClusterStore}}"), h.name());
        }
        assertEquals("", in(h1, "docker", "info", "--format", "{{.ClusterStore}}"), "h1 is no overlay host");
    }

    private static void assertSecondInitChangesNothing(Path topology) {
        Map<String, String> before = invocations();
        Cli.Run again = Cli.run("init", "-f", topology.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("Nothing to do"), again.out());
        assertEquals(before, invocations(), "a second init restarted docker somewhere");
    }

    /**
     * Created on h2 (subnet 1) through ovl and seen as global on h3 and h4 (subnet 2, behind the
     * router). But no container can join it: dockerd 20.10 panics (nil endpointCnt in
     * libnetwork's createEndpoint) and systemd restarts it. Its vendored libkv lists a ZooKeeper
     * directory with bare child names as keys (docker/libkv store/zookeeper List: Key: key), where
     * etcd and Consul give full keys, so libnetwork never finds the network's endpoint_count and
     * leaves it nil. Nothing ovl writes can change that; this pins it, so the day a container
     * does start here, this fails and the README's table can say ZooKeeper carries containers.
     */
    private static void networkIsGlobalButDockerdPanicsWhenAContainerJoins(Path topology, String net, String prefix) {
        Cli.Run r = Cli.run("net", "create", net, "-f", topology.toString(), "--subnet", prefix + ".0/24",
                "--ip-range", prefix + ".128/25", "--aux-address", "ip2=" + prefix + ".2");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (LabHost h : List.of(h2, h3, h4)) {
            assertEquals("global " + prefix + ".0/24", in(h, "docker", "network", "inspect", "--format",
                    "{{.Scope}} {{range .IPAM.Config}}{{.Subnet}}{{end}}", net), h.name());
        }
        String since = in(h2, "date", "+%Y-%m-%d %H:%M:%S");
        CommandResult run = LAB.lab().inHost(h2, "docker", "run", "-d", "--name", "web-" + net, "--network", net, IMAGE,
                "httpd", "-f", "-p", "80");
        try {
            assertFalse(run.succeeded(), "a container started on a ZooKeeper-backed overlay: " + run.describe());
            String journal = in(h2, "journalctl", "--no-pager", "-o", "cat", "-u", "docker", "--since", since);
            assertTrue(journal.contains("panic: runtime error: invalid memory address or nil pointer dereference")
                    && journal.contains("libnetwork.(*endpointCnt)"), journal);
        } finally {
            waitForDocker(h2);
            LAB.lab().inHost(h2, "docker", "rm", "-f", "web-" + net);
        }
    }

    /** systemd restarts a dockerd that panicked (Restart=always); wait until it answers again. */
    private static void waitForDocker(LabHost h) {
        for (int i = 0; i < 60 && !LAB.lab().inHost(h, "docker", "info", "--format", "{{.ClusterStore}}").succeeded(); i++) {
            sleep(500);
        }
    }

    private static void assertReset(Path topology, List<LabHost> storeHosts) {
        Cli.Run r = Cli.run("reset", "-f", topology.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (LabHost h : List.of(h2, h3, h4)) {
            assertFalse(LAB.lab().inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded(), "drop-in left on " + h.name());
            assertEquals("", in(h, "docker", "info", "--format", "{{.ClusterStore}}"), h.name());
        }
        for (LabHost h : storeHosts) {
            assertEquals("", in(h, "docker", "ps", "-aq", "--filter", "name=" + STORE), h.name());
            // reset keeps the store's data
            assertEquals(STORE_VOLUMES, List.of(in(h, "docker", "volume", "ls", "-q", "--filter", "name=ovl-kv-zookeeper")
                    .split("\n")), h.name());
        }
    }

    /** The Mode: line of the server's answer to srvr (from the host itself, busybox nc in the lab image). */
    private static String srvrMode(LabHost h) {
        String answer = "";
        // A member that just (re)started answers "not currently serving requests" until it has joined.
        for (int i = 0; i < 30 && !answer.contains("Mode:"); i++) {
            answer = LAB.lab().inHost(h, "docker", "exec", STORE, "sh", "-c",
                    "printf srvr | nc " + h.address() + " 2181").stdout();
            if (!answer.contains("Mode:")) {
                sleep(500);
            }
        }
        return answer.lines().filter(l -> l.startsWith("Mode:")).findFirst().orElse(answer).strip();
    }

    /** The FAIL lines under a check's heading in doctor's output. */
    private static String failLines(Cli.Run r, String check) {
        return lines(r, check, "FAIL");
    }

    /** The result lines of {@code check} in doctor's text output that start with {@code status}. */
    private static String lines(Cli.Run r, String check, String status) {
        String out = r.out();
        int at = out.indexOf("\n" + check + " ");
        if (at < 0) {
            return "";
        }
        return out.substring(at + 1).lines().skip(1).takeWhile(l -> l.startsWith(" "))
                .filter(l -> l.strip().startsWith(status)).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> invocations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (LabHost h : List.of(h1, h2, h3, h4)) {
            out.put(h.name(), in(h, "systemctl", "show", "-p", "InvocationID", "--value", "docker.service"));
        }
        return out;
    }

    private static String in(LabHost host, String... command) {
        return LAB.lab().exec(host, command).stdout().strip();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
