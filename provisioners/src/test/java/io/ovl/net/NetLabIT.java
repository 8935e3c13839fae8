package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.IpamPools;
import io.ovl.addressing.Prefix;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.RunLock;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.mode.OverlayMode;
import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeReport;
import io.ovl.kvmode.Plan;
import io.ovl.kvmode.Planner;
import io.ovl.kvmode.Provision;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ovl net on a real lab: four hosts with Docker Engine 20.10 in kv mode (etcd on h1, overlay: false;
 * h2, h3 and h4 are the overlay hosts), set up by the real init engine from a copy of the lab's
 * topology without its sample network (labnet uses the guide's subnet). Drives the engine exactly as
 * the {@code ovl net} commands do (one SSH session per host from the topology). Tests run in order
 * on one lab, each starting where the previous one left it. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetLabIT {
    private static final String IMAGE = "local/busybox:1";
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("netit", LabLayout.of("20.10", "20.10", "20.10", "20.10"));
    private static Topology topology;
    private static Path file;
    private static LabHost h2;
    private static LabHost h3;
    private static LabHost h4;

    @BeforeAll
    static void up() {
        try {
            file = LAB.lab().stateDir().resolve("topology-net.yaml");
            String text = Files.readString(LAB.lab().topologyPath());
            Files.writeString(file, text.substring(0, text.indexOf("\nnetworks:") + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topology = new TopologyLoader().load(file).orThrow();
        assertTrue(topology.networks().isEmpty());
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        h4 = LAB.host("h4");
        try (OpenHosts hosts = open()) {
            Provision provision = new Provision(topology, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            ChangeReport report = provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);
            assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        }
    }

    @Test
    @Order(1)
    void dockersGuideReplayedCreateOnceThenAContainerElsewhereIsReachedByNameAndAddressFromAThirdHost() {
        NetworkSpec myoverlay = new NetworkSpec("myoverlay", List.of(new IpamPool(Prefix.parse("172.16.16.0/24"),
                Optional.of(Prefix.parse("172.16.16.128/25")), Optional.empty(),
                Map.of("ip2", IpAddress.parse("172.16.16.2")))), false, false, false, OptionalInt.empty(), Map.of());
        CreateReport report = withHosts(run -> create(run).create(myoverlay,
                OverlayMode.of(topology).placement().candidates(topology), overlayHosts()));

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(Optional.of(h2.name()), report.createdOn());
        assertEquals(List.of(h2.name(), h3.name(), h4.name()), report.seenOn());
        // h3 did not create it: it knows it through the store.
        assertEquals("global 172.16.16.0/24 172.16.16.128/25", in(h3, "docker", "network", "inspect", "--format",
                "{{.Scope}}{{range .IPAM.Config}} {{.Subnet}} {{.IPRange}}{{end}}", "myoverlay"));

        in(h3, "docker", "run", "-d", "--name", "web1", "--network", "myoverlay", IMAGE, "httpd", "-f", "-p", "80");
        String address = in(h3, "docker", "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "web1");
        assertTrue(Prefix.parse("172.16.16.128/25").contains(IpAddress.parse(address)), address);
        assertEquals("1450", in(h3, "docker", "exec", "web1", "cat", "/sys/class/net/eth0/mtu"));

        String script = "for t in web1 $1; do ok=; for i in 1 2 3 4 5; do"
                + " if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $t 80 | grep -q '^HTTP/'; then ok=1; break; fi; sleep 1;"
                + " done; [ -n \"$ok\" ] || { echo \"no answer from $t\"; exit 1; }; echo \"answer from $t\"; done";
        assertEquals("answer from web1\nanswer from " + address, in(h4, "docker", "run", "--rm", "--network", "myoverlay",
                IMAGE, "sh", "-c", script, "sh", address));
    }

    @Test
    @Order(2)
    void lsAndInspectShowTheNetworkOnEveryHostWithEndpointsPerHost() {
        NetReadout readout = withHosts(run -> NetReadout.read(run.hosts, run.parallel));

        NetworkListing.Entry entry = NetworkListing.of(readout, overlayHosts()).networks().stream()
                .filter(e -> e.name().equals("myoverlay")).findFirst().orElseThrow();
        assertEquals(List.of("172.16.16.0/24"), entry.subnets());
        assertEquals(List.of(h2.name(), h3.name(), h4.name()), entry.seenOn());
        assertTrue(entry.complete());

        MergedNetwork merged = MergedNetwork.of("myoverlay", readout, overlayHosts()).orElseThrow();
        assertEquals(Optional.of("172.16.16.128/25"), merged.definition().ipam().get(0).ipRange());
        assertEquals(Map.of("ip2", "172.16.16.2"), merged.definition().ipam().get(0).auxAddresses());
        assertFalse(merged.idsDiffer());
        assertEquals(List.of(), merged.endpoints().get(h2.name()));
        assertEquals(List.of("web1"), merged.endpoints().get(h3.name()).stream().map(OverlayNetwork.Endpoint::container).toList());
        assertTrue(merged.endpoints().get(h3.name()).get(0).ipv4().startsWith("172.16.16.1"), merged.toString());
    }

    @Test
    @Order(3)
    void verifyPassesOnTheHealthyLabAndLeavesNoProbe() {
        VerifyReport report = withHosts(run -> new NetVerify(run.hosts, run.parallel, ChangeProgress.NONE)
                .run("myoverlay", IMAGE));

        assertTrue(report.passed(), report.failing().toString());
        assertEquals(6, report.pairs().size());
        assertEquals(List.of(), report.cleanup());
        for (LabHost h : List.of(h2, h3, h4)) {
            assertEquals("", in(h, "docker", "ps", "-aq", "--filter", "label=" + ProbeScript.LABEL));
        }
    }

    @Test
    @Order(4)
    void verifyNamesTheFailingPairsWhenOneHostDropsVxlan() {
        String[] rule = {"INPUT", "-p", "udp", "--dport", "4789", "-j", "DROP"};
        in(h4, concat("iptables", "-I", rule));
        VerifyReport report;
        try {
            report = withHosts(run -> new NetVerify(run.hosts, run.parallel, ChangeProgress.NONE).run("myoverlay", IMAGE));
        } finally {
            in(h4, concat("iptables", "-D", rule));
        }

        assertEquals(ExitCode.CHECKS_FAILED, report.exitCode());
        List<String> failing = report.failing().stream().map(p -> p.from() + "->" + p.to()).sorted().toList();
        assertEquals(List.of(h2.name() + "->" + h4.name(), h3.name() + "->" + h4.name(),
                h4.name() + "->" + h2.name(), h4.name() + "->" + h3.name()), failing);
        PairResult toH4 = report.pair(h2.name(), h4.name()).orElseThrow();
        assertTrue(toH4.failed().contains(ProbeCheck.ICMP), toH4.toString());
        assertTrue(toH4.failed().contains(ProbeCheck.TCP), toH4.toString());
        assertTrue(report.pair(h2.name(), h3.name()).orElseThrow().ok());
        for (LabHost h : List.of(h2, h3, h4)) {
            assertEquals("", in(h, "docker", "ps", "-aq", "--filter", "label=" + ProbeScript.LABEL));
        }
    }

    @Test
    @Order(5)
    void createIsRefusedForASubnetOverlappingAHostRouteAndNothingIsCreated() {
        String via = LAB.host("h1").address();
        in(h3, "ip", "route", "add", "10.123.0.0/16", "via", via);
        CreateReport report;
        try {
            report = withHosts(run -> create(run).create(NetworkSpec.of("clash", Prefix.parse("10.123.4.0/24")),
                    OverlayMode.of(topology).placement().candidates(topology), overlayHosts()));
        } finally {
            in(h3, "ip", "route", "del", "10.123.0.0/16");
        }

        assertEquals(ExitCode.CHECKS_FAILED, report.exitCode());
        assertEquals(Optional.empty(), report.createdOn());
        CreateCheck.HostCheck onH3 = report.check().hosts().stream().filter(h -> h.host().equals(h3.name())).findFirst().orElseThrow();
        assertEquals(List.of("route 10.123.0.0/16 via " + via + " dev eth0"), onH3.clashes());
        assertTrue(report.check().hosts().stream().filter(h -> !h.host().equals(h3.name())).allMatch(CreateCheck.HostCheck::ok));
        for (LabHost h : List.of(h2, h3, h4)) {
            assertFalse(in(h, "docker", "network", "ls", "--format", "{{.Name}}").lines().anyMatch("clash"::equals));
        }
    }

    @Test
    @Order(6)
    void rmRefusesWhileWeb1IsAttachedThenForceDisconnectsAndRemovesItEverywhere() {
        MergedNetwork before = withHosts(run -> MergedNetwork.of("myoverlay", NetReadout.read(run.hosts, run.parallel), overlayHosts()).orElseThrow());
        Optional<String> refusal = NetRemove.refusal(before, false);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().contains("web1 on " + h3.name()), refusal.get());

        NetRemove.Outcome outcome = withHosts(run -> new NetRemove(run.hosts, visibility(run), ChangeProgress.NONE)
                .remove(before, OverlayMode.of(topology).placement().candidates(topology)));
        assertEquals(List.of("web1 on " + h3.name()), outcome.disconnected());
        assertEquals(List.of(), outcome.stillOn());
        for (LabHost h : List.of(h2, h3, h4)) {
            assertFalse(in(h, "docker", "network", "ls", "--format", "{{.Name}}").lines().anyMatch("myoverlay"::equals));
        }
        assertEquals("true", in(h3, "docker", "inspect", "--format", "{{.State.Running}}", "web1"));
    }

    @Test
    @Order(7)
    void twoConcurrentCreatesTheSecondIsRefusedNamingTheOwnerAndTheFirstCreatesIt() throws Exception {
        NetworkSpec locked = NetworkSpec.of("locked", Prefix.parse("172.16.40.0/24"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch refused = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            // As `ovl net create` does: the lock on the overlay hosts' sessions, then create. The first run
            // holds it until the second has tried, so the two overlap whatever the lab's speed.
            Future<CreateReport> first = two.submit(() -> withHosts(run -> {
                try (RunLock lock = run.hosts().lock(topology, "ovl net create by it-first pid 1")) {
                    held.countDown();
                    assertTrue(await(refused), "the second run never tried");
                    return create(run).create(locked, OverlayMode.of(topology).placement().candidates(topology),
                            overlayHosts());
                }
            }));
            Future<OvlException> second = two.submit(() -> {
                assertTrue(await(held), "the first run never took the lock");
                try {
                    return withHosts(run -> assertThrows(OvlException.class,
                            () -> run.hosts().lock(topology, "ovl net create by it-second pid 2")));
                } finally {
                    refused.countDown();
                }
            });
            OvlException e = second.get(120, TimeUnit.SECONDS);
            assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
            assertTrue(e.getMessage().startsWith("host " + h2.name() + ": lock: " + RunLock.PATH
                    + " is held by ovl net create by it-first pid 1 since "), e.getMessage());
            assertTrue(e.getMessage().matches(".* \\(\\d+ s ago\\); wait for it to finish.*"), e.getMessage());
            CreateReport report = first.get(120, TimeUnit.SECONDS);
            assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        } finally {
            two.shutdownNow();
        }
        assertFalse(LAB.lab().inHost(h2, "test", "-e", RunLock.PATH).succeeded(), "lock left on " + h2.name());
        in(h2, "docker", "network", "rm", "locked");
    }

    @Test
    @Order(8)
    void aReleaseLeavesALockAnotherRunTookOverInPlace() {
        withHosts(run -> {
            RunLock mine = run.hosts().lock(topology, "ovl net rm by it-first pid 1");
            in(h2, "rm", "-r", RunLock.PATH); // someone removes it by hand, and another run takes it
            try (OpenHosts other = open(); RunLock theirs = other.lock(topology, "ovl net rm by it-second pid 2")) {
                assertEquals(RunLock.Release.TAKEN_OVER, mine.release());
                assertEquals("ovl net rm by it-second pid 2", in(h2, "cat", RunLock.PATH + "/owner"));
                assertEquals(RunLock.Release.RELEASED, theirs.release());
            }
            assertFalse(LAB.lab().inHost(h2, "test", "-e", RunLock.PATH).succeeded(), "lock left on " + h2.name());
            assertEquals(RunLock.Release.GONE, mine.release()); // asked once only: a second close changes nothing
            return null;
        });
    }

    @Test
    @Order(9)
    void aDualStackNetworkHasBothPoolsOnEveryHostAndAContainerGetsAnAddressInEach() {
        // As `ovl net create dual --subnet 172.16.50.0/24 --subnet fd00:50::/64 --ip-range fd00:50::100/120
        // --ip-range 172.16.50.128/25 --gateway 172.16.50.1 --gateway fd00:50::1` builds it: flags in any order.
        IpamPools.Assigned pools = IpamPools.assign(
                List.of(new IpamPools.Written<>(Prefix.parse("172.16.50.0/24"), "subnet"),
                        new IpamPools.Written<>(Prefix.parse("fd00:50::/64"), "subnet")),
                List.of(new IpamPools.Written<>(Prefix.parse("fd00:50::100/120"), "ip-range"),
                        new IpamPools.Written<>(Prefix.parse("172.16.50.128/25"), "ip-range")),
                List.of(new IpamPools.Written<>(IpAddress.parse("172.16.50.1"), "gateway"),
                        new IpamPools.Written<>(IpAddress.parse("fd00:50::1"), "gateway")),
                Map.of());
        assertEquals(List.of(), pools.problems());
        NetworkSpec dual = new NetworkSpec("dual", pools.pools(), false, false, false, OptionalInt.empty(), Map.of());
        CreateReport report = withHosts(run -> create(run).create(dual,
                OverlayMode.of(topology).placement().candidates(topology), overlayHosts()));
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(List.of(h2.name(), h3.name(), h4.name()), report.seenOn());

        for (LabHost h : List.of(h2, h3, h4)) {
            assertEquals("true global 172.16.50.0/24 172.16.50.128/25 172.16.50.1 fd00:50::/64 fd00:50::100/120 fd00:50::1",
                    in(h, "docker", "network", "inspect", "--format", "{{.EnableIPv6}} {{.Scope}}"
                            + "{{range .IPAM.Config}} {{.Subnet}} {{.IPRange}} {{.Gateway}}{{end}}", "dual"), h.name());
        }
        NetworkListing.Entry entry = withHosts(run -> NetworkListing.of(NetReadout.read(run.hosts, run.parallel), overlayHosts()))
                .networks().stream().filter(e -> e.name().equals("dual")).findFirst().orElseThrow();
        assertEquals(List.of("172.16.50.0/24", "fd00:50::/64"), entry.subnets());

        in(h3, "docker", "run", "-d", "--name", "dual1", "--network", "dual", IMAGE, "httpd", "-f", "-p", "80");
        try {
            String v4 = in(h3, "docker", "inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "dual1");
            String v6 = in(h3, "docker", "inspect", "--format",
                    "{{range .NetworkSettings.Networks}}{{.GlobalIPv6Address}}{{end}}", "dual1");
            assertTrue(Prefix.parse("172.16.50.128/25").contains(IpAddress.parse(v4)), v4);
            assertTrue(Prefix.parse("fd00:50::100/120").contains(IpAddress.parse(v6)), v6);
            // IPv4 crosses hosts. IPv6 between hosts is not asserted: Docker's overlay driver programs neighbour
            // entries for IPv4 peers only (moby/libnetwork#1169, moby#47125); net verify reports that part.
            String script = "for i in 1 2 3 4 5; do if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $1 80 | grep -q '^HTTP/';"
                    + " then echo answer; exit 0; fi; sleep 1; done; echo \"no answer from $1\"; exit 1";
            assertEquals("answer", in(h4, "docker", "run", "--rm", "--network", "dual", IMAGE, "sh", "-c", script, "sh", v4));
        } finally {
            in(h3, "docker", "rm", "-f", "dual1");
        }
        in(h2, "docker", "network", "rm", "dual");
    }

    @Test
    @Order(10)
    void onADualStackNetworkIpv4CrossesButIpv6DoesNotAndVerifySaysWhyWhileFamilyIpv4Passes() {
        // Created with docker itself: what is under test is verify on a network with IPv6 enabled.
        in(h2, "docker", "network", "create", "-d", "overlay", "--ipv6", "--subnet", "10.79.0.0/24",
                "--subnet", "fd79::/64", "v6kv");
        try {
            VerifyReport all = withHosts(run -> new NetVerify(run.hosts, run.parallel, ChangeProgress.NONE)
                    .run("v6kv", IMAGE, NetVerify.Family.ALL));
            assertEquals(java.util.EnumSet.allOf(ProbeCheck.class), all.checks());
            for (LabHost h : List.of(h2, h3, h4)) {
                assertTrue(all.probes().get(h.name()).ipv6().orElse("").startsWith("fd79::"), all.probes().toString());
            }
            // Engine 20.10 in kv mode: global IPAM (distinct addresses), and no IPv6 between hosts.
            assertEquals(ExitCode.CHECKS_FAILED, all.exitCode());
            for (PairResult p : all.pairs()) {
                assertEquals(List.of(ProbeCheck.ICMP6, ProbeCheck.TCP6), p.failed(), p.toString());
            }
            assertEquals(6, all.ipv6Only().size());
            assertTrue(all.ipv6Diagnosis().orElseThrow().contains("moby/moby#47125"));

            VerifyReport v4 = withHosts(run -> new NetVerify(run.hosts, run.parallel, ChangeProgress.NONE)
                    .run("v6kv", IMAGE, NetVerify.Family.IPV4));
            assertTrue(v4.passed(), v4.failing().toString());
            assertEquals(ProbeCheck.IPV4, v4.checks());
        } finally {
            in(h2, "docker", "network", "rm", "v6kv");
        }
    }

    // ---- helpers ----

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sessions and hosts as the net commands open them. */
    private record Run(OpenHosts hosts, ParallelHosts parallel) {
    }

    private static <T> T withHosts(java.util.function.Function<Run, T> body) {
        ParallelHosts parallel = new ParallelHosts();
        try (OpenHosts open = open()) {
            return body.apply(new Run(open.only(topology.overlayHosts()), parallel));
        }
    }

    private static NetCreate create(Run run) {
        return new NetCreate(run.hosts(), run.parallel(), visibility(run), ChangeProgress.NONE);
    }

    private static VisibilityWait visibility(Run run) {
        return new VisibilityWait(run.hosts(), run.parallel(), Duration.ofSeconds(60), Duration.ofSeconds(1), ChangeProgress.NONE);
    }

    private static List<String> overlayHosts() {
        return List.of(h2.name(), h3.name(), h4.name());
    }

    private static OpenHosts open() {
        return OpenHosts.overSsh(topology, file, topology.hosts(), SshConnector.fromSystem(), new ParallelHosts());
    }

    private static String[] concat(String program, String flag, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = program;
        all[1] = flag;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    private static String in(LabHost h, String... argv) {
        CommandResult r = LAB.lab().inHost(h, argv);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }
}
