package io.ovl.doctor;

import static io.ovl.doctor.Labs.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.kv.StoreAnswer;
import io.ovl.change.InitPreflight;
import io.ovl.change.PreflightReport;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Which of doctor's checks stop init, and how. doctor's REAL checks are evaluated on facts of
 * FAKE hosts ({@link FakeHost}: outputs captured on lab hosts) and on hand-made probe outcomes,
 * then {@link InitPreflight#judge} applies init's rules: pure logic, so fakes are fine here; the
 * real thing on lab hosts is io.ovl.kvmode.InitPreflightIT.
 */
class InitPreflightTest {
    private static final Function<ProbeOutcome, ProbeOutcome.Result> ALL_RECEIVED = o -> ProbeOutcome.Result.RECEIVED;

    @Test
    void everyDoctorCheckHasARoleInInitAndNoRoleNamesANonCheck() {
        assertEquals(new HashSet<>(Checks.names()), InitPreflight.ROLES.keySet(),
                "a new doctor check must be classified for init (gate, advise or leave out)");
    }

    @Test
    void aHealthyLabPassesAndChecksThatDescribeTheStateInitCreatesAreLeftOut() {
        PreflightReport r = judge(Labs.kv(), Labs.healthy(), probes(Labs.kv(), ALL_RECEIVED), Map.of(), IgnoreList.NONE);

        assertFalse(r.failed(), r.errors().toString());
        assertEquals(List.of(), r.blockers());
        Set<String> reported = new HashSet<>(r.results().stream().map(Finding::subject).toList());
        assertTrue(reported.containsAll(List.of("ports.reachable", "host.hostname-unique", "kernel.vxlan", "kv.reachable",
                "docker.mode-compat", "subnet.overlap", "ports.free")), reported.toString());
        for (String leftOut : List.of("dockerd.cluster-store", "dockerd.log", "dockerd.config-conflict", "swarm.node")) {
            assertFalse(reported.contains(leftOut), leftOut);
        }
    }

    @Test
    void aBlockedGossipPortStopsInitNamingTheTargetHostTheDirectionAndTheFix() {
        Topology t = Labs.kv();
        PreflightReport r = judge(t, Labs.healthy(), probes(t, lost("h2", "h3", "tcp/7946")), Map.of(), IgnoreList.NONE);

        List<Finding> blockers = r.blockers();
        assertEquals(1, blockers.size(), blockers.toString());
        Finding b = blockers.get(0);
        assertEquals("h3", b.host());
        assertEquals("ports.reachable", b.subject());
        assertTrue(b.message().contains("h2 -> h3 (198.18.144.13) tcp/7946"), b.message());
        assertTrue(b.messageWithFix().contains("; fix: allow tcp/7946 in from the overlay hosts on h3"), b.messageWithFix());
    }

    @Test
    void aDuplicateHostnameStopsInitOnBothHosts() {
        Map<String, HostFacts> facts = new java.util.LinkedHashMap<>(Labs.healthy());
        facts.put("h3", FakeHost.of("h2-2010")
                .edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json", "LQDE:UNIQ", "OTHR:UNIQ")
                .edit(FactCommands.IP_ADDR, "h2-2010", "ip-j-d-addr.json", "198.18.144.12", "198.18.144.13")
                .facts());

        PreflightReport r = judge(Labs.kv(), facts, probes(Labs.kv(), ALL_RECEIVED), Map.of(), IgnoreList.NONE);

        assertEquals(List.of("h2 host.hostname-unique", "h3 host.hostname-unique"),
                r.errors().stream().map(e -> e.host() + " " + e.subject()).toList());
    }

    @Test
    void aBlockedPortToOvlsOwnStoreStopsInitBeforeTheStoreIsStarted() {
        Topology t = Labs.kv();
        PreflightReport r = judge(t, Labs.healthy(), probes(t, lost("h2", "h1", "tcp/2379")), Map.of(), IgnoreList.NONE);

        assertTrue(r.blockers().stream().anyMatch(b -> b.host().equals("h2") && b.subject().equals("kv.reachable")),
                r.blockers().toString());
    }

    @Test
    void ovlsStoreNotRunningAfterSetupIsAWarningBecauseInitStartsIt() {
        // dockerd on h2 already runs with a cluster store, and the probe's listener could bind the
        // store port on h1: nothing serves the store. doctor fails that; init starts the store.
        Map<String, HostFacts> facts = new java.util.LinkedHashMap<>(Labs.healthy());
        facts.put("h2", FakeHost.of("h2-2010").answer(FactCommands.DOCKER_INFO,
                factsResource("docker-info-20.10-cluster-store.json")).facts());
        Topology t = Labs.kv();
        DoctorReport doctor = DoctorRunner.evaluate(context(t, facts, Optional.of(probes(t, ALL_RECEIVED))), "t.yaml",
                IgnoreList.NONE);
        assertEquals(Severity.ERROR, doctor.resultsOf("kv.reachable").get(1).severity(), "doctor itself fails it");

        PreflightReport r = InitPreflight.judge(t, doctor, Optional.of(probes(t, ALL_RECEIVED)));

        Finding kv = r.results().stream().filter(x -> x.subject().equals("kv.reachable") && x.host().equals("h2"))
                .findFirst().orElseThrow();
        assertEquals(Severity.WARNING, kv.severity());
        assertFalse(r.blockers().stream().anyMatch(b -> b.subject().startsWith("kv.")), r.blockers().toString());
    }

    @Test
    void anUnhealthyStoreIsAWarningForOvlsStoreAndAnErrorForAnExistingOne() {
        Map<String, List<StoreAnswer>> unhealthy = Map.of("h2", List.of(new StoreAnswer("198.18.144.11:2379", false,
                "etcd /health: {\"health\":\"false\"}")));
        PreflightReport own = judge(Labs.kv(), Labs.healthy(), probes(Labs.kv(), ALL_RECEIVED), unhealthy,
                IgnoreList.NONE);
        assertEquals(List.of(), own.blockers());
        assertTrue(own.warnings().stream().anyMatch(w -> w.subject().equals("kv.healthy") && w.host().equals("h2")));

        Topology external = new Topology(1, Labs.kv().mode(), Labs.kv().ssh(),
                Optional.of(KvStore.external(KvBackend.ETCD, URI.create("etcd://198.18.144.11:2379/network"))),
                Optional.empty(), Labs.kv().hosts(), Labs.kv().networks());
        PreflightReport ext = judge(external, Labs.healthy(), probes(external, ALL_RECEIVED), unhealthy, IgnoreList.NONE);
        assertEquals(List.of("h2 kv.healthy"), ext.blockers().stream().map(b -> b.host() + " " + b.subject()).toList());
    }

    @Test
    void clockSkewIsPrintedAsAWarningAndDoesNotStopInit() {
        Map<String, HostFacts> facts = new java.util.LinkedHashMap<>(Labs.healthy());
        facts.put("h3", FakeHost.of("h2-2010").answer(FactCommands.HOSTNAME, "doctor-h3\n")
                .edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json", "LQDE:UNIQ", "OTHR:UNIQ")
                .edit(FactCommands.IP_ADDR, "h2-2010", "ip-j-d-addr.json", "198.18.144.12", "198.18.144.13")
                .answer(FactCommands.DATE, (FakeHost.NOW.getEpochSecond() + 600) + ".000000000\n")
                .facts());
        PreflightReport r = judge(Labs.kv(), facts, probes(Labs.kv(), ALL_RECEIVED), Map.of(), IgnoreList.NONE);

        assertFalse(r.failed(), r.errors().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.subject().equals("clock.skew") && w.host().equals("h3")),
                r.warnings().toString());
    }

    @Test
    void ignoreTurnsAGatingFailureIntoAWarningThatIsStillReported() {
        Topology t = Labs.kv();
        PreflightReport r = judge(t, Labs.healthy(), probes(t, lost("h2", "h3", "tcp/7946")), Map.of(),
                IgnoreList.parse(List.of("ports.reachable")));

        assertFalse(r.failed());
        Finding w = r.warnings().stream().filter(x -> x.subject().equals("ports.reachable")).findFirst().orElseThrow();
        assertTrue(w.ignored());
        assertEquals("h3", w.host());
    }

    @Test
    void anUnreachableHostStopsInitThroughSshReachable() {
        Map<String, HostFacts> facts = new java.util.LinkedHashMap<>(Labs.healthy());
        facts.remove("h3");
        PreflightReport r = judge(Labs.kv(), facts, probes(Labs.kv(), ALL_RECEIVED), Map.of(), IgnoreList.NONE);

        assertEquals(List.of("h3 ssh.reachable"), r.blockers().stream().map(b -> b.host() + " " + b.subject()).toList());
    }

    private static PreflightReport judge(Topology t, Map<String, HostFacts> facts, ProbeReport probes,
                                         Map<String, List<StoreAnswer>> storeHealth, IgnoreList ignore) {
        List<GatheredHost> hosts = context(t, facts).hosts();
        DoctorContext ctx = new DoctorContext(t, hosts, Optional.of(probes), storeHealth);
        return InitPreflight.judge(t, DoctorRunner.evaluate(ctx, "t.yaml", ignore), Optional.of(probes));
    }

    /** Every direction the probe would try for {@code t} (as {@link PortProber} plans them), with the given result. */
    private static ProbeReport probes(Topology t, Function<ProbeOutcome, ProbeOutcome.Result> result) {
        List<ProbeOutcome> out = new ArrayList<>();
        for (Host target : t.hosts()) {
            for (PortNeed need : OverlayPorts.needs(t, target)) {
                for (String source : need.sources()) {
                    ProbeOutcome o = new ProbeOutcome(source, target.name(), target.address(), need,
                            ProbeOutcome.Result.RECEIVED, "");
                    ProbeOutcome.Result r = result.apply(o);
                    out.add(new ProbeOutcome(source, target.name(), target.address(), need, r,
                            r == ProbeOutcome.Result.NOT_RECEIVED ? "sent, nothing arrived within 3 s" : ""));
                }
            }
        }
        for (ExternalStore e : ExternalStore.of(t)) {
            for (Host h : t.overlayHosts()) {
                out.add(new ProbeOutcome(h.name(), e.target(), e.host(), e.need(), ProbeOutcome.Result.CONNECTED, ""));
            }
        }
        return new ProbeReport(out);
    }

    private static Function<ProbeOutcome, ProbeOutcome.Result> lost(String source, String target, String label) {
        return o -> o.source().equals(source) && o.target().equals(target) && o.need().label().equals(label)
                ? ProbeOutcome.Result.NOT_RECEIVED : ProbeOutcome.Result.RECEIVED;
    }

    private static String factsResource(String name) {
        try (InputStream in = InitPreflightTest.class.getResourceAsStream("/io/ovl/facts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
