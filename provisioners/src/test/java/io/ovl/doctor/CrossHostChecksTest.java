package io.ovl.doctor;

import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.ClockSkew;
import io.ovl.doctor.checks.EngineIdUnique;
import io.ovl.doctor.checks.HostnameUnique;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks across hosts (hostnames, engine IDs, clocks) on facts from captured real outputs (FakeHost). */
class CrossHostChecksTest {

    @Test
    void distinctHostnamesAndEngineIdsPass() {
        DoctorContext c = context(Labs.kv(), Labs.healthy());
        for (String h : new String[] {"h1", "h2", "h3"}) {
            assertEquals(Severity.PASS, verdict(new HostnameUnique(), c, h).severity(), h);
            assertEquals(Severity.PASS, verdict(new EngineIdUnique(), c, h).severity(), h);
        }
    }

    @Test
    void aDuplicateHostnameFailsOnBothHostsNamingTheOther() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h3", FakeHost.of("h2-2010")
                .edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json", "LQDE:UNIQ", "OTHR:UNIQ").facts());
        DoctorContext c = context(Labs.kv(), facts);
        Finding h2 = verdict(new HostnameUnique(), c, "h2");
        assertEquals(Severity.ERROR, h2.severity());
        assertEquals("hostname doctor-h2 is also the hostname of h3", h2.message());
        assertEquals(Severity.ERROR, verdict(new HostnameUnique(), c, "h3").severity());
        assertEquals(Severity.PASS, verdict(new HostnameUnique(), c, "h1").severity());
        assertEquals(Severity.PASS, verdict(new EngineIdUnique(), c, "h3").severity());
    }

    @Test
    void clonedHostsShareAnEngineId() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h3", FakeHost.of("h2-2010").answer(FactCommands.HOSTNAME, "doctor-h3\n").facts());
        DoctorContext c = context(Labs.kv(), facts);
        Finding v = verdict(new EngineIdUnique(), c, "h3");
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("is also the engine ID of h2"), v.message());
        assertEquals(Severity.PASS, verdict(new EngineIdUnique(), c, "h1").severity());
    }

    @Test
    void oneClockTenSecondsAheadFailsOnlyOnThatHost() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h3", FakeHost.of("h2-2010").answer(FactCommands.HOSTNAME, "doctor-h3\n")
                .answer(FactCommands.DATE, (FakeHost.NOW.getEpochSecond() + 10) + ".250000000\n").facts());
        DoctorContext c = context(Labs.kv(), facts);
        Finding h3 = verdict(new ClockSkew(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().contains("ahead of the hosts' median by 10.250 s"), h3.message());
        assertEquals(Severity.PASS, verdict(new ClockSkew(), c, "h1").severity());
        assertEquals(Severity.PASS, verdict(new ClockSkew(), c, "h2").severity());
    }

    @Test
    void twoSecondsOfSkewWarns() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h1", FakeHost.of("h1-2010").answer(FactCommands.DATE, (FakeHost.NOW.getEpochSecond() - 2) + ".0\n").facts());
        Finding v = verdict(new ClockSkew(), context(Labs.kv(), facts), "h1");
        assertEquals(Severity.WARNING, v.severity());
        assertTrue(v.message().contains("behind"), v.message());
    }

    @Test
    void aSingleKnownClockHasNothingToCompareWith() {
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        facts.put("h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.SKIP, verdict(new ClockSkew(), context(Labs.kv(), facts), "h2").severity());
    }
}
