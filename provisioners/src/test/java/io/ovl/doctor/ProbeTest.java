package io.ovl.doctor;

import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.KvReachable;
import io.ovl.doctor.checks.PortsReachable;
import io.ovl.facts.Protocol;
import io.ovl.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The port probe's planning and reading of listener/sender output, over a FAKE network of probe
 * hosts ({@link FakeProbeNet}) that prints what the real scripts print (the scripts themselves run
 * on real hosts in DoctorLabIT); and ports.reachable / kv.reachable on the outcomes.
 */
class ProbeTest {

    static final Map<String, String> NAME_OF_ADDRESS = Map.of("198.18.144.11", "h1", "198.18.144.12", "h2",
            "198.18.144.13", "h3");

    private static ProbeReport probe(Set<String> lost) {
        return probe(Labs.kv(), lost);
    }

    private static ProbeReport probe(io.ovl.topology.Topology topology, Set<String> lost) {
        FakeProbeNet net = new FakeProbeNet(NAME_OF_ADDRESS);
        lost.forEach(net::lose);
        return probe(topology, net);
    }

    static ProbeReport probe(io.ovl.topology.Topology topology, FakeProbeNet net) {
        List<GatheredHost> hosts = context(topology, Labs.healthy()).hosts();
        return new PortProber().probe(topology, hosts, net.starters(hosts.stream().map(GatheredHost::name).toList()));
    }

    @Test
    void everyDirectionOfEveryNeededPortIsProbed() {
        ProbeReport report = probe(Set.of());
        // h2<->h3: 3 ports each way = 6; h2,h3 -> h1 store port = 2.
        assertEquals(8, report.outcomes().size());
        assertTrue(report.outcomes().stream().allMatch(o -> o.result() == ProbeOutcome.Result.RECEIVED), report.toString());
        DoctorContext c = context(Labs.kv(), Labs.healthy(), Optional.of(report));
        for (String h : new String[] {"h1", "h2", "h3"}) {
            assertEquals(Severity.PASS, verdict(new PortsReachable(), c, h).severity(), h);
        }
        assertEquals("reachable from h2 on tcp/7946, udp/7946, udp/4789", verdict(new PortsReachable(), c, "h3").message());
        assertEquals(Severity.PASS, verdict(new KvReachable(), c, "h2").severity());
    }

    @Test
    void aLostUdpDirectionFailsOnTheTargetNamingPairAndDirection() {
        ProbeReport report = probe(Set.of("udp 4789 h2 h3"));
        DoctorContext c = context(Labs.kv(), Labs.healthy(), Optional.of(report));
        Finding h3 = verdict(new PortsReachable(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().startsWith("1 of 3 directions fail: h2 -> h3 (198.18.144.13) udp/4789: "), h3.message());
        assertTrue(h3.fix().orElseThrow().contains("udp/4789"), h3.fix().toString());
        assertEquals(Severity.PASS, verdict(new PortsReachable(), c, "h2").severity());
    }

    @Test
    void aBlockedStorePortFailsKvReachableForThatSource() {
        ProbeReport report = probe(Set.of("tcp 2379 h3 h1"));
        DoctorContext c = context(Labs.kv(), Labs.healthy(), Optional.of(report));
        Finding h3 = verdict(new KvReachable(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().contains("h3 -> h1 (198.18.144.11) tcp/2379: sender: Connection timed out"), h3.message());
        assertEquals(Severity.PASS, verdict(new KvReachable(), c, "h2").severity());
        assertEquals(Severity.ERROR, verdict(new PortsReachable(), c, "h1").severity());
    }

    @Test
    void aUdpPortAlreadyHeldIsNotProbedAndDoesNotFail() {
        PortNeed vxlan = new PortNeed(Protocol.UDP, 4789, "VXLAN data", Set.of(""), Set.of("h2"));
        PortNeed gossip = new PortNeed(Protocol.TCP, 7946, "overlay gossip", Set.of("dockerd"), Set.of("h2"));
        ProbeReport report = new ProbeReport(List.of(
                new ProbeOutcome("h2", "h3", "198.18.144.13", gossip, ProbeOutcome.Result.CONNECTED, "port held on h3"),
                new ProbeOutcome("h2", "h3", "198.18.144.13", vxlan, ProbeOutcome.Result.NOT_PROBED,
                        "port already held on h3 (Address already in use); UDP cannot be probed then")));
        Finding v = verdict(new PortsReachable(), context(Labs.kv(), Labs.healthy(), Optional.of(report)), "h3");
        assertEquals(Severity.PASS, v.severity());
        assertTrue(v.message().contains("1 not probed"), v.message());
    }

    @Test
    void aStoreThatDockerdUsesButThatIsNotRunningFails() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h2", FakeHost.of("h2-2010").edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json",
                "\"ID\":", "\"ClusterStore\":\"etcd://198.18.144.11:2379/network\",\"ID\":").facts());
        ProbeReport report = probe(Set.of());
        Finding v = verdict(new KvReachable(), context(Labs.kv(), facts, Optional.of(report)), "h2");
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("no store runs on h1"), v.message());
    }

    @Test
    void oneStoppedMemberWhileAnotherServesTheStoreIsAWarningNamingIt() {
        // Store members on h1 and h3; from h2 nothing listens on h1's port, h3's store answers.
        io.ovl.topology.Topology two = new io.ovl.topology.Topology(1, io.ovl.topology.Mode.KV,
                io.ovl.topology.SshSettings.DEFAULTS, Optional.of(io.ovl.topology.KvStore.onHosts(
                io.ovl.topology.KvBackend.ETCD, List.of("h1", "h3"))), Optional.empty(),
                List.of(Labs.H1, Labs.H2, Labs.H3), List.of(Labs.LABNET));
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h2", FakeHost.of("h2-2010").edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json",
                "\"ID\":", "\"ClusterStore\":\"etcd://198.18.144.11:2379,198.18.144.13:2379/network\",\"ID\":").facts());
        PortNeed store = new PortNeed(Protocol.TCP, 2379, "kv store", Set.of("etcd"), Set.of("h2"));
        ProbeReport report = new ProbeReport(List.of(
                new ProbeOutcome("h2", "h1", "198.18.144.11", store, ProbeOutcome.Result.RECEIVED, "our listener got it"),
                new ProbeOutcome("h2", "h3", "198.18.144.13", store, ProbeOutcome.Result.CONNECTED, "port held on h3")));

        Finding v = verdict(new KvReachable(), context(two, facts, Optional.of(report)), "h2");

        assertEquals(Severity.WARNING, v.severity(), v.message());
        assertTrue(v.message().contains("no store runs on h1 (tcp/2379 is free); it answers on h3"), v.message());
    }

    @Test
    void withoutTheProbeReachabilityIsSkipped() {
        DoctorContext c = context(Labs.kv(), Labs.healthy());
        assertEquals(Severity.SKIP, verdict(new PortsReachable(), c, "h2").severity());
        assertFalse(verdict(new PortsReachable(), c, "h2").message().isEmpty());
    }

    @Test
    void probeScriptsCarryValuesAsArgumentsOnly() {
        RemoteCommand listen = ProbeScripts.listen(7, 137, "abcd", "198.18.144.12", List.of(
                new PortNeed(Protocol.UDP, 4789, "VXLAN data", Set.of(""), Set.of("h2", "h3"))));
        assertEquals(List.of("perl", "-e", ProbeScripts.LISTEN, "7", "137", "abcd", "198.18.144.12", "udp/4789/2"),
                listen.argv());
    }

    @Test
    void listenersOutlastSendersThatRunTcpInWaves() {
        PortNeed gossip = new PortNeed(Protocol.TCP, 7946, "overlay gossip", Set.of("dockerd"), Set.of("h2"));
        PortNeed vxlan = new PortNeed(Protocol.UDP, 4789, "VXLAN data", Set.of(""), Set.of("h2"));
        List<ProbeScripts.Send> few = List.of(new ProbeScripts.Send(gossip, "198.18.0.1"), new ProbeScripts.Send(vxlan, "198.18.0.1"));
        assertEquals(PortProber.LISTEN_SECONDS, PortProber.listenSeconds(Map.of("h2", few)));
        List<ProbeScripts.Send> many = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            many.add(new ProbeScripts.Send(gossip, "198.18.0." + i));
        }
        assertEquals(PortProber.LISTEN_SECONDS + PortProber.SEND_SECONDS + 2, PortProber.listenSeconds(Map.of("h2", few, "h3", many)));
    }

    @Test
    void anExternalStoreIsReachedByAConnectionFromEveryOverlayHost() {
        io.ovl.topology.Topology external = new io.ovl.topology.Topology(1, io.ovl.topology.Mode.KV,
                io.ovl.topology.SshSettings.DEFAULTS, Optional.of(io.ovl.topology.KvStore.external(
                        io.ovl.topology.KvBackend.ETCD, java.net.URI.create("etcd://198.18.144.11:2379/network"))),
                Optional.empty(), List.of(Labs.H1, Labs.H2, Labs.H3), List.of(Labs.LABNET));
        ProbeReport report = probe(external, Set.of("tcp 2379 h3 h1"));
        DoctorContext c = context(external, Labs.healthy(), Optional.of(report));
        Finding h2 = verdict(new KvReachable(), c, "h2");
        assertEquals(Severity.PASS, h2.severity(), h2.message());
        assertEquals("the external store answers at 198.18.144.11:2379", h2.message());
        Finding h3 = verdict(new KvReachable(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().contains("store 198.18.144.11:2379: cannot connect: Connection timed out"), h3.message());
    }
}
