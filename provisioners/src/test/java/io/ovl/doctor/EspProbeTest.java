package io.ovl.doctor;

import io.ovl.addressing.IpamPool;
import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.EspReachable;
import io.ovl.doctor.checks.PortsReachable;
import io.ovl.facts.Protocol;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ESP (IP protocol 50) part of the probe and the esp.reachable check. The probe runs over a FAKE
 * network ({@link FakeProbeNet}) that prints what the real scripts print (the scripts themselves run on loopback in
 * ProbeScriptsLoopbackTest and on real hosts in EspLabIT): h1 is not an overlay host, h2 and h3
 * are, as in {@link Labs}.
 */
class EspProbeTest {
    private static final NetworkSpec SECNET = new NetworkSpec("secnet", List.of(IpamPool.of(Prefix.parse("172.16.20.0/24"))), false, true, true, OptionalInt.empty(), Map.of());

    private static Topology swarm(List<NetworkSpec> networks) {
        return new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(Labs.H1, Labs.H2, Labs.H3), networks);
    }

    private static final Topology ENCRYPTED = swarm(List.of(Labs.LABNET, SECNET));

    /**
     * Runs the real {@link PortProber} over a FAKE network ({@link FakeProbeNet}). A direction
     * "esp SOURCE TARGET" in {@code lost} never reaches the target's listener.
     * {@code listenerLine} replaces the listener's "LISTEN esp 50" line when present (a failed
     * raw socket); {@code senderLine} replaces every sender's ESP line likewise (ADDR: the target).
     */
    private static ProbeReport probe(Topology topology, Set<String> lost, Optional<String> listenerLine,
                                     Optional<String> senderLine, List<FakeProbeNet.Started> commands) {
        FakeProbeNet net = new FakeProbeNet(ProbeTest.NAME_OF_ADDRESS);
        lost.forEach(d -> net.lose(d.replaceFirst("^esp ", "esp 50 ")));
        listenerLine.ifPresent(line -> List.of("h2", "h3").forEach(h ->
                net.listenerLines(h, l -> l.equals("LISTEN esp 50") ? line : l)));
        senderLine.ifPresent(line -> net.senderLines(l -> l.startsWith("SENT esp 50 ")
                ? line.replace("ADDR", l.substring("SENT esp 50 ".length())) : l));
        ProbeReport report = ProbeTest.probe(topology, net);
        commands.addAll(net.started());
        return report;
    }

    private static ProbeReport probe(Set<String> lost) {
        return probe(ENCRYPTED, lost, Optional.empty(), Optional.empty(), new ArrayList<>());
    }

    private static List<ProbeOutcome> esp(ProbeReport r) {
        return r.outcomes().stream().filter(o -> o.need().protocol() == Protocol.ESP).toList();
    }

    @Test
    void withAnEncryptedNetworkEveryOrderedPairOfOverlayHostsIsProbedForEspInTheSameRun() {
        List<FakeProbeNet.Started> commands = new ArrayList<>();
        ProbeReport report = probe(ENCRYPTED, Set.of(), Optional.empty(), Optional.empty(), commands);

        assertEquals(List.of("h3 -> h2 (198.18.144.12) esp", "h2 -> h3 (198.18.144.13) esp"),
                esp(report).stream().map(ProbeOutcome::describe).toList());
        assertTrue(esp(report).stream().allMatch(o -> o.result() == ProbeOutcome.Result.RECEIVED), report.toString());
        // One listener and one sender per overlay host, ESP riding along with the ports.
        assertEquals(4, commands.size(), commands.toString());
        assertTrue(commands.stream().anyMatch(c -> c.argv().contains("esp/50/1")), commands.toString());
        // Raw sockets need root: with ESP aboard both sides ask for it.
        assertTrue(commands.stream().allMatch(FakeProbeNet.Started::privileged), commands.toString());
        DoctorContext c = context(ENCRYPTED, Labs.healthy(), Optional.of(report));
        Finding h3 = verdict(new EspReachable(), c, "h3");
        assertEquals(Severity.PASS, h3.severity(), h3.message());
        assertEquals("IP protocol 50 arrives from h2 (encrypted: secnet)", h3.message());
        assertEquals(Severity.SKIP, verdict(new EspReachable(), c, "h1").severity());
        // ESP is not a port: ports.reachable reports the ports only.
        assertEquals("reachable from h2 on tcp/7946, udp/7946, udp/4789", verdict(new PortsReachable(), c, "h3").message());
    }

    @Test
    void withoutAnEncryptedNetworkNoEspIsSentAndTheCheckSaysWhyItSkips() {
        Topology plain = swarm(List.of(Labs.LABNET));
        List<FakeProbeNet.Started> commands = new ArrayList<>();
        ProbeReport report = probe(plain, Set.of(), Optional.empty(), Optional.empty(), commands);

        assertEquals(List.of(), esp(report));
        assertFalse(commands.stream().anyMatch(c -> c.argv().contains("esp") || c.argv().contains("esp/50/1")),
                commands.toString());
        // Ports above 1024 need no root: no sudo (and no wait for it) on become: sudo hosts.
        assertTrue(commands.stream().noneMatch(FakeProbeNet.Started::privileged), commands.toString());
        Finding v = verdict(new EspReachable(), context(plain, Labs.healthy(), Optional.of(report)), "h2");
        assertEquals(Severity.SKIP, v.severity());
        assertEquals("no encrypted network declared", v.message());
    }

    @Test
    void espDroppedIntoOneHostFailsThereNamingThePairAndDirectionWithAnIptablesHint() {
        ProbeReport report = probe(Set.of("esp h2 h3"));
        DoctorContext c = context(ENCRYPTED, Labs.healthy(), Optional.of(report));

        Finding h3 = verdict(new EspReachable(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertEquals("1 of 1 directions fail: h2 -> h3 (198.18.144.13) esp: sent, nothing arrived within "
                + PortProber.SEND_SECONDS + " s (encrypted: secnet)", h3.message());
        String hint = h3.fix().orElseThrow();
        assertTrue(hint.contains("on h3: iptables -I INPUT -p esp -s 198.18.144.12 -j ACCEPT"), hint);
        assertTrue(hint.contains("allow protocol 50"), hint);
        // The other direction passes, and the ports are not blamed for ESP.
        assertEquals(Severity.PASS, verdict(new EspReachable(), c, "h2").severity());
        assertEquals(Severity.PASS, verdict(new PortsReachable(), c, "h3").severity());
    }

    @Test
    void aListenerThatMayNotOpenARawSocketIsNotProbedWithARootHintNotAFailure() {
        ProbeReport report = probe(ENCRYPTED, Set.of(), Optional.of("BUSY esp 50 Operation not permitted"),
                Optional.empty(), new ArrayList<>());
        Finding v = verdict(new EspReachable(), context(ENCRYPTED, Labs.healthy(), Optional.of(report)), "h3");

        assertEquals(Severity.WARNING, v.severity(), v.message());
        assertTrue(v.message().contains("no raw socket for IP protocol 50 on h3 (Operation not permitted)"), v.message());
        assertTrue(v.message().contains("become: sudo"), v.message());
    }

    @Test
    void aSenderThatMayNotOpenARawSocketIsNotProbedButABlockedSendFails() {
        ProbeReport noRoot = probe(ENCRYPTED, Set.of(), Optional.empty(),
                Optional.of("FAILED esp 50 ADDR raw_socket:_Operation_not_permitted"), new ArrayList<>());
        Finding v = verdict(new EspReachable(), context(ENCRYPTED, Labs.healthy(), Optional.of(noRoot)), "h2");
        assertEquals(Severity.WARNING, v.severity(), v.message());
        assertTrue(v.message().contains("sender on h3 cannot send IP protocol 50 (raw socket: Operation not permitted)"),
                v.message());

        // An OUTPUT rule on the source refuses the packet: that is the network's answer, a failure.
        ProbeReport blocked = probe(ENCRYPTED, Set.of("esp h3 h2"), Optional.empty(),
                Optional.of("FAILED esp 50 ADDR Operation_not_permitted"), new ArrayList<>());
        Finding b = verdict(new EspReachable(), context(ENCRYPTED, Labs.healthy(), Optional.of(blocked)), "h2");
        assertEquals(Severity.ERROR, b.severity(), b.message());
        assertTrue(b.message().contains("h3 -> h2 (198.18.144.12) esp: sender: Operation not permitted"), b.message());
    }

    @Test
    void withoutTheProbeTheCheckSkips() {
        Finding v = verdict(new EspReachable(), context(ENCRYPTED, Labs.healthy()), "h2");
        assertEquals(Severity.SKIP, v.severity());
        assertEquals("probe not run (--no-probe)", v.message());
    }

    @Test
    void theEspNeedExistsOnlyForOverlayHostsAndOnlyWithAnEncryptedNetwork() {
        assertEquals(Optional.empty(), OverlayPorts.esp(ENCRYPTED, Labs.H1));
        PortNeed need = OverlayPorts.esp(ENCRYPTED, Labs.H2).orElseThrow();
        assertEquals(Set.of("h3"), need.sources());
        assertEquals("esp", need.label());
        assertEquals(Optional.empty(), OverlayPorts.esp(swarm(List.of(Labs.LABNET)), Labs.H2));
        // kv mode: the model allows encrypted there too, so the probe runs.
        assertTrue(OverlayPorts.esp(Labs.kv(List.of(Labs.H1, Labs.H2, Labs.H3), List.of(SECNET)), Labs.H3).isPresent());
        // ESP is not a port to bind.
        assertTrue(OverlayPorts.needs(ENCRYPTED, Labs.H2).stream().noneMatch(n -> n.protocol() == Protocol.ESP));
    }

    @Test
    void espIsIgnoredByName() {
        ProbeReport report = probe(Set.of("esp h2 h3"));
        DoctorReport r = DoctorRunner.evaluate(context(ENCRYPTED, Labs.healthy(), Optional.of(report)), "t.yaml",
                IgnoreList.parse(List.of("esp.reachable")));
        Finding h3 = r.resultsOf("esp.reachable").stream().filter(x -> x.host().equals("h3")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, h3.severity());
        assertTrue(h3.ignored());
    }
}
