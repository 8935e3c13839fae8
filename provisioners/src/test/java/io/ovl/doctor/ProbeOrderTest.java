package io.ovl.doctor;

import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.KvReachable;
import io.ovl.doctor.checks.PortsReachable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The probe is ordered by events, not by a shared clock: listeners READY, then senders START,
 * then GO. Runs the real {@link PortProber} over a FAKE network ({@link FakeProbeNet}, a fake for
 * pure orchestration logic) in which a message reaches a listener only once it is bound, so a
 * sender started before a slow listener is ready loses its messages, as on the real host where
 * every sudo took 11 s and doctor reported 11 false failures. The real scripts and real slow sudo
 * are exercised in DoctorLabIT.
 */
class ProbeOrderTest {

    private static ProbeReport probe(FakeProbeNet net) {
        return ProbeTest.probe(Labs.kv(), net);
    }

    private static ProbeReport probe(PortProber prober, FakeProbeNet net) {
        List<GatheredHost> hosts = context(Labs.kv(), Labs.healthy()).hosts();
        return prober.probe(Labs.kv(), hosts, net.starters(hosts.stream().map(GatheredHost::name).toList()));
    }

    private static List<String> notReached(ProbeReport r) {
        return r.outcomes().stream().filter(o -> !o.reached()).map(o -> o.describe() + ": " + o.detail()).toList();
    }

    @Test
    void aListenerThatIsReadyLongAfterTheOthersCausesNoFalseFailure() {
        // Far longer than the old protocol's shared window would have waited for it.
        ProbeReport r = probe(new FakeProbeNet(ProbeTest.NAME_OF_ADDRESS).slowListener("h3", Duration.ofMillis(800))
                .slowListener("h1", Duration.ofMillis(400)));

        assertEquals(List.of(), notReached(r));
        assertEquals(8, r.outcomes().size());
        DoctorContext c = context(Labs.kv(), Labs.healthy(), Optional.of(r));
        assertEquals(Severity.PASS, verdict(new KvReachable(), c, "h2").severity());
        assertEquals(Severity.PASS, verdict(new PortsReachable(), c, "h3").severity());
    }

    @Test
    void aSenderThatStartsLateStillFindsEveryListenerListening() {
        ProbeReport r = probe(new FakeProbeNet(ProbeTest.NAME_OF_ADDRESS).slowSender("h3", Duration.ofMillis(800)));

        assertEquals(List.of(), notReached(r));
    }

    @Test
    void onASlowHostAPortReallyBlockedIsStillNamedWithHostAndPort() {
        ProbeReport r = probe(new FakeProbeNet(ProbeTest.NAME_OF_ADDRESS).slowListener("h3", Duration.ofMillis(800))
                .slowSender("h3", Duration.ofMillis(300)).lose("udp 4789 h2 h3"));

        assertEquals(List.of("h2 -> h3 (198.18.144.13) udp/4789: sent, nothing arrived within " + PortProber.SEND_SECONDS + " s"),
                notReached(r));
        Finding h3 = verdict(new PortsReachable(), context(Labs.kv(), Labs.healthy(), Optional.of(r)), "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().startsWith("1 of 3 directions fail: h2 -> h3 (198.18.144.13) udp/4789: "), h3.message());
    }

    @Test
    void aListenerThatNeverSaysReadyIsNamedAsNotProbedAndTheOthersAreStillProbed() {
        FakeProbeNet net = new FakeProbeNet(ProbeTest.NAME_OF_ADDRESS).neverReady("h3");
        ProbeReport r = probe(new PortProber(Duration.ofMillis(500)), net);

        List<ProbeOutcome> intoH3 = r.toTarget("h3");
        assertEquals(3, intoH3.size());
        for (ProbeOutcome o : intoH3) {
            assertEquals(ProbeOutcome.Result.NOT_PROBED, o.result(), o.toString());
            assertEquals("listener on h3 did not run: host h3: the probe listener did not say READY within 500 ms",
                    o.detail());
        }
        // Nobody was sent to the listener that is not there; every other direction was probed.
        assertTrue(net.started().stream().filter(s -> s.kind().equals("sender"))
                .noneMatch(s -> s.argv().contains("198.18.144.13")), net.started().toString());
        assertTrue(r.outcomes().stream().filter(o -> !o.target().equals("h3")).allMatch(ProbeOutcome::reached),
                r.toString());
        DoctorContext c = context(Labs.kv(), Labs.healthy(), Optional.of(r));
        assertEquals(Severity.PASS, verdict(new PortsReachable(), c, "h2").severity());
        assertTrue(verdict(new PortsReachable(), c, "h3").message().contains("did not say READY"),
                verdict(new PortsReachable(), c, "h3").message());
    }

    @Test
    void aSenderThatNeverSaysStartIsNamedAndTheListenersStillEnd() {
        FakeProbeNet net = new FakeProbeNet(ProbeTest.NAME_OF_ADDRESS).slowSender("h2", Duration.ofSeconds(30));
        ProbeReport r = probe(new PortProber(Duration.ofMillis(500)), net);

        for (ProbeOutcome o : r.outcomes().stream().filter(o -> o.source().equals("h2")).toList()) {
            assertEquals(ProbeOutcome.Result.NOT_PROBED, o.result(), o.toString());
            assertEquals("sender on h2 did not run: host h2: the probe sender did not say START within 500 ms", o.detail());
        }
        assertTrue(r.outcomes().stream().filter(o -> o.source().equals("h3")).allMatch(ProbeOutcome::reached), r.toString());
    }
}
