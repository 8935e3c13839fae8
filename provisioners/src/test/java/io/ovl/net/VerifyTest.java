package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * verify's pure parts: the probe script's output (captured from a real run inside busybox on a lab
 * host: one reachable peer, one address nobody has) and how pairs are built from it.
 */
class VerifyTest {
    private static final Map<String, VerifyReport.Probe> PROBES = Map.of(
            "h2", new VerifyReport.Probe("ovl-probe-h2", Optional.of("10.0.0.2"), Optional.empty()),
            "h3", new VerifyReport.Probe("ovl-probe-h3", Optional.of("10.0.0.3"), Optional.empty()),
            "h4", new VerifyReport.Probe("ovl-probe-h4", Optional.empty(), Optional.of("network myoverlay not found")));

    @Test
    void capturedScriptOutputGivesOkAndFailuresWithTheirReasons() {
        var parsed = ProbeScript.parse(NetFixtures.resource("probe-output.txt"));

        assertEquals(List.of("ovl-probe-b", "ovl-probe-gone", "ovl-probe-x"), List.copyOf(parsed.keySet()));
        PairResult ok = PairResult.of("a", "b", ProbeCheck.IPV4, parsed.get("ovl-probe-b"));
        assertTrue(ok.ok());
        PairResult gone = PairResult.of("a", "gone", ProbeCheck.IPV4, parsed.get("ovl-probe-gone"));
        assertEquals(List.of(ProbeCheck.ICMP, ProbeCheck.TCP, ProbeCheck.DNS), gone.failed());
        assertEquals("no reply from 10.250.0.9", gone.outcomes().get(ProbeCheck.ICMP).detail());
        assertEquals("resolved to nothing", gone.outcomes().get(ProbeCheck.DNS).detail());
    }

    @Test
    void aCheckTheScriptDidNotReportIsAFailureNotAPass() {
        PairResult half = PairResult.of("h2", "h3", ProbeCheck.IPV4, ProbeScript.parse("ovl-probe-h3 icmp ok\nsh: nc: not found\n")
                .get("ovl-probe-h3"));
        assertFalse(half.ok());
        assertEquals(List.of(ProbeCheck.TCP, ProbeCheck.DNS), half.failed());
        assertEquals("no result", half.outcomes().get(ProbeCheck.TCP).detail());
    }

    @Test
    void everyOrderedPairIsBuiltAndAHostWithoutAProbeFailsBothDirectionsSayingWhy() {
        var bySource = Map.of(
                "h2", ProbeScript.parse("ovl-probe-h3 icmp ok\novl-probe-h3 tcp ok\novl-probe-h3 dns ok\n"),
                "h3", ProbeScript.parse("ovl-probe-h2 icmp ok\novl-probe-h2 tcp fail no answer from 10.0.0.2:7777\n"
                        + "ovl-probe-h2 dns ok\n"));
        List<String> hosts = List.of("h2", "h3", "h4");
        List<PairResult> pairs = VerifyReport.pairs(hosts, ProbeCheck.IPV4, PROBES, bySource);
        VerifyReport report = new VerifyReport("myoverlay", "local/busybox:1", ProbeCheck.IPV4, hosts, PROBES, pairs, List.of());

        assertEquals(6, pairs.size());
        assertEquals(List.of("h2->h3", "h2->h4", "h3->h2", "h3->h4", "h4->h2", "h4->h3"),
                pairs.stream().map(p -> p.from() + "->" + p.to()).toList());
        assertTrue(report.pair("h2", "h3").orElseThrow().ok());
        assertEquals(List.of(ProbeCheck.TCP), report.pair("h3", "h2").orElseThrow().failed());
        assertEquals("no probe on h4: network myoverlay not found",
                report.pair("h2", "h4").orElseThrow().outcomes().get(ProbeCheck.DNS).detail());
        assertEquals(List.of("h2->h4", "h3->h2", "h3->h4", "h4->h2", "h4->h3"),
                report.failing().stream().map(p -> p.from() + "->" + p.to()).toList());
        assertEquals(ExitCode.CHECKS_FAILED, report.exitCode());
    }

    @Test
    void allPairsPassingIsExitZeroButASingleHostProvesNothing() {
        var two = Map.of("h2", PROBES.get("h2"), "h3", PROBES.get("h3"));
        String all = "icmp ok\n%1$s tcp ok\n%1$s dns ok\n";
        var bySource = Map.of("h2", ProbeScript.parse("ovl-probe-h3 " + String.format(all, "ovl-probe-h3")),
                "h3", ProbeScript.parse("ovl-probe-h2 " + String.format(all, "ovl-probe-h2")));
        List<PairResult> pairs = VerifyReport.pairs(List.of("h2", "h3"), ProbeCheck.IPV4, two, bySource);
        assertEquals(ExitCode.OK, new VerifyReport("n", "i", ProbeCheck.IPV4, List.of("h2", "h3"), two, pairs, List.of()).exitCode());

        VerifyReport alone = new VerifyReport("n", "i", ProbeCheck.IPV4, List.of("h2"), Map.of("h2", PROBES.get("h2")), List.of(), List.of());
        assertEquals(ExitCode.CHECKS_FAILED, alone.exitCode());
    }

    @Test
    void targetsAreArgumentsOfAConstantScriptNeverPartOfIt() {
        var cmd = ProbeScript.test("ovl-probe-h2", new java.util.LinkedHashMap<>(Map.of("x; rm -rf /",
                new ProbeScript.Target(Optional.of("10.0.0.3"), Optional.empty()))));
        assertEquals(List.of("docker", "exec", "ovl-probe-h2", "sh", "-c", ProbeScript.TEST_SCRIPT, "sh", "60", "5", "20",
                "x; rm -rf /", "10.0.0.3", "-"), cmd.argv());
    }

    @Test
    void aLookupThatSucceededOnlyAfterARetryIsAWarningWithItsTimingAndThePairPasses() {
        var bySource = Map.of(
                "h2", ProbeScript.parse("ovl-probe-h3 icmp ok\novl-probe-h3 tcp ok\novl-probe-h3 dns ok 3 17\n"),
                "h3", ProbeScript.parse("ovl-probe-h2 icmp ok\novl-probe-h2 tcp ok\novl-probe-h2 dns ok 1 0\n"));
        var two = Map.of("h2", PROBES.get("h2"), "h3", PROBES.get("h3"));
        List<PairResult> pairs = VerifyReport.pairs(List.of("h2", "h3"), ProbeCheck.IPV4, two, bySource);
        VerifyReport report = new VerifyReport("n", "i", ProbeCheck.IPV4, List.of("h2", "h3"), two, pairs, List.of());

        PairResult slow = report.pair("h2", "h3").orElseThrow();
        assertTrue(slow.ok());
        assertEquals(List.of("dns ok after 3 tries, 17 s"), slow.warnings());
        assertEquals(3, slow.outcomes().get(ProbeCheck.DNS).tries());
        assertEquals(17, slow.outcomes().get(ProbeCheck.DNS).seconds());
        assertEquals(List.of(), report.pair("h3", "h2").orElseThrow().warnings(), "one try is no warning");
        assertEquals(List.of(slow), report.warned());
        assertEquals(List.of(), report.failing());
        assertTrue(report.passed());
        assertEquals(ExitCode.OK, report.exitCode());
    }

    @Test
    void aLookupThatNeverSucceededStaysAFailureWithItsTriesAndDetail() {
        PairResult never = PairResult.of("h2", "h3", ProbeCheck.IPV4,
                ProbeScript.parse("ovl-probe-h3 icmp ok\novl-probe-h3 tcp ok\novl-probe-h3 dns fail 9 29 resolved to nothing\n")
                        .get("ovl-probe-h3"));
        assertFalse(never.ok());
        assertEquals(List.of(ProbeCheck.DNS), never.failed());
        PairResult.Outcome dns = never.outcomes().get(ProbeCheck.DNS);
        assertEquals("resolved to nothing", dns.detail());
        assertEquals(9, dns.tries());
        assertEquals(29, dns.seconds());
        assertEquals(List.of(), never.warnings(), "a failure is not also a warning");
    }

    @Test
    void theImageRefusalNamesTheHostsMissingItInTopologyOrder() {
        assertEquals(Optional.of("h2, h4: no image local/busybox:1; pull busybox or pass --image"),
                NetVerify.imageRefusal("local/busybox:1", List.of("h2", "h3", "h4"), List.of("h4", "h2")));
        assertEquals(Optional.empty(), NetVerify.imageRefusal("local/busybox:1", List.of("h2"), List.of()));
    }

    @Test
    void theProbeAddressIsReadFromCapturedInspectOutput() {
        assertEquals(Optional.of("10.99.0.129"), NetVerify.addressOn(NetFixtures.resource("container-networks.json"), "tnet"));
        assertEquals(Optional.empty(), NetVerify.addressOn(NetFixtures.resource("container-networks.json"), "other"));
    }

    // ---- IPv6 (a dual-stack network): pure, probes and script output as a lab run gave them ----

    private static VerifyReport.Probe v6(String host, String ipv4, String ipv6) {
        return new VerifyReport.Probe("ovl-probe-" + host, Optional.of(ipv4), Optional.of(ipv6), Optional.empty());
    }

    private static final java.util.Set<ProbeCheck> ALL = java.util.EnumSet.allOf(ProbeCheck.class);

    @Test
    void ipv6CrossingNowhereWhileIpv4DoesIsExplainedByTheOverlayDriversNeighbourEntries() {
        var probes = Map.of("h2", v6("h2", "10.0.0.2", "fd00::2"), "h3", v6("h3", "10.0.0.3", "fd00::3"));
        String v4ok = "%1$s icmp ok\n%1$s tcp ok\n%1$s dns ok\n%1$s icmp6 fail no reply from %2$s\n"
                + "%1$s tcp6 fail no answer from [%2$s]:7777\n";
        var bySource = Map.of("h2", ProbeScript.parse(String.format(v4ok, "ovl-probe-h3", "fd00::3")),
                "h3", ProbeScript.parse(String.format(v4ok, "ovl-probe-h2", "fd00::2")));
        List<String> hosts = List.of("h2", "h3");
        VerifyReport r = new VerifyReport("n", "i", ALL, hosts, probes, VerifyReport.pairs(hosts, ALL, probes, bySource),
                List.of());

        assertEquals(List.of(ProbeCheck.ICMP6, ProbeCheck.TCP6), r.pair("h2", "h3").orElseThrow().failed());
        assertEquals(2, r.ipv6Only().size());
        assertTrue(r.ipv6Diagnosis().orElseThrow().contains("moby/moby#47125"), r.ipv6Diagnosis().toString());
        assertEquals(ExitCode.CHECKS_FAILED, r.exitCode(), "IPv6 not carried is a failure, not a warning");
    }

    @Test
    void twoProbesWithTheSameIpv6AddressAreNotPingedButFailSayingDockerGaveOneAddressTwice() {
        // Swarm mode on Engine 26 (lab): the first container on each node got fd77::3.
        var probes = Map.of("h2", v6("h2", "10.0.0.2", "fd77::3"), "h3", v6("h3", "10.0.0.4", "fd77::3"));
        var targets = NetVerify.targets("h2", probes, ALL);
        assertEquals(Map.of("ovl-probe-h3", new ProbeScript.Target(Optional.of("10.0.0.4"), Optional.empty())), targets,
                "a ping of its own address would answer from the sender itself");

        var bySource = Map.of("h2", ProbeScript.parse(to("ovl-probe-h3", true)), "h3", ProbeScript.parse(to("ovl-probe-h2", true)));
        List<String> hosts = List.of("h2", "h3");
        VerifyReport r = new VerifyReport("n", "i", ALL, hosts, probes, VerifyReport.pairs(hosts, ALL, probes, bySource),
                List.of());
        PairResult pair = r.pair("h2", "h3").orElseThrow();
        assertEquals(List.of(ProbeCheck.ICMP6, ProbeCheck.TCP6), pair.failed());
        assertTrue(pair.outcomes().get(ProbeCheck.ICMP6).detail().contains("both got IPv6 address fd77::3"),
                pair.outcomes().get(ProbeCheck.ICMP6).detail());
        assertEquals(List.of(), r.ipv6Only(), "not the neighbour-entry diagnosis: that needs two addresses");
    }

    @Test
    void theFamilyChoosesTheChecksAndIpv4OnlyNeverTestsIpv6() {
        assertEquals(ProbeCheck.IPV4, NetVerify.Family.ALL.checks(false));
        assertEquals(ALL, NetVerify.Family.ALL.checks(true));
        assertEquals(ProbeCheck.IPV4, NetVerify.Family.IPV4.checks(true));
        assertEquals(ProbeCheck.IPV6, NetVerify.Family.IPV6.checks(true));

        var probes = Map.of("h2", v6("h2", "10.0.0.2", "fd00::2"), "h3", v6("h3", "10.0.0.3", "fd00::3"));
        assertEquals(Map.of("ovl-probe-h3", new ProbeScript.Target(Optional.of("10.0.0.3"), Optional.empty())),
                NetVerify.targets("h2", probes, ProbeCheck.IPV4));
        assertEquals(Map.of("ovl-probe-h3", new ProbeScript.Target(Optional.empty(), Optional.of("fd00::3"))),
                NetVerify.targets("h2", probes, ProbeCheck.IPV6));
    }

    @Test
    void aProbeWithoutAnIpv6AddressFailsTheIpv6ChecksOfItsPairsNamingIt() {
        var probes = Map.of("h2", v6("h2", "10.0.0.2", "fd00::2"),
                "h3", new VerifyReport.Probe("ovl-probe-h3", Optional.of("10.0.0.3"), Optional.empty()));
        var bySource = Map.of("h2", ProbeScript.parse(to("ovl-probe-h3", true)), "h3", ProbeScript.parse(to("ovl-probe-h2", true)));
        List<PairResult> pairs = VerifyReport.pairs(List.of("h2", "h3"), ALL, probes, bySource);
        assertEquals("the probe on h3 has no IPv6 address", pairs.get(0).outcomes().get(ProbeCheck.TCP6).detail());
        assertEquals("the probe on h3 has no IPv6 address", pairs.get(1).outcomes().get(ProbeCheck.ICMP6).detail());
    }

    @Test
    void theProbeIpv6AddressIsReadFromInspectOutput() {
        String json = "{\"v6\":{\"IPAddress\":\"10.77.0.2\",\"GlobalIPv6Address\":\"fd77::3\"},"
                + "\"v4\":{\"IPAddress\":\"10.1.0.2\",\"GlobalIPv6Address\":\"\"}}";
        assertEquals(Optional.of("fd77::3"), NetVerify.ipv6On(json, "v6"));
        assertEquals(Optional.empty(), NetVerify.ipv6On(json, "v4"));
    }

    /** Three started probes (captured lines' shape): what a host dropping udp/4789 looks like (lab: mx-h4). */
    private static VerifyReport threeHosts(String h2Out, String h3Out, String h4Out) {
        var probes = Map.of(
                "h2", new VerifyReport.Probe("ovl-probe-h2", java.util.Optional.of("10.0.0.2"), java.util.Optional.empty()),
                "h3", new VerifyReport.Probe("ovl-probe-h3", java.util.Optional.of("10.0.0.3"), java.util.Optional.empty()),
                "h4", new VerifyReport.Probe("ovl-probe-h4", java.util.Optional.of("10.0.0.4"), java.util.Optional.empty()));
        var bySource = Map.of("h2", ProbeScript.parse(h2Out), "h3", ProbeScript.parse(h3Out), "h4", ProbeScript.parse(h4Out));
        List<String> hosts = List.of("h2", "h3", "h4");
        return new VerifyReport("myoverlay", "local/busybox:1", ProbeCheck.IPV4, hosts, probes, VerifyReport.pairs(hosts, ProbeCheck.IPV4, probes, bySource),
                List.of());
    }

    private static String to(String target, boolean ok) {
        return ok ? target + " icmp ok\n" + target + " tcp ok\n" + target + " dns ok\n"
                : target + " icmp fail no reply\n" + target + " tcp fail no answer\n" + target + " dns ok\n";
    }

    @Test
    void whenEveryFailingPairInvolvesOneHostThatHostAndTheVxlanPortAreNamed() {
        VerifyReport r = threeHosts(to("ovl-probe-h3", true) + to("ovl-probe-h4", false),
                to("ovl-probe-h2", true) + to("ovl-probe-h4", false),
                to("ovl-probe-h2", false) + to("ovl-probe-h3", false));

        assertEquals(java.util.Optional.of("h4"), r.suspect());
        assertTrue(r.diagnosis().orElseThrow().contains("every failing pair involves h4"), r.diagnosis().toString());
        assertTrue(r.diagnosis().orElseThrow().contains("udp/4789"), r.diagnosis().toString());
    }

    @Test
    void noHostIsNamedWhenFailuresSpreadOrGoOneWayOnly() {
        // h2 -> h3, h3 -> h4 and h4 -> h2: no host is in all three.
        VerifyReport spread = threeHosts(to("ovl-probe-h3", false) + to("ovl-probe-h4", true),
                to("ovl-probe-h2", true) + to("ovl-probe-h4", false),
                to("ovl-probe-h2", false) + to("ovl-probe-h3", true));
        assertEquals(java.util.Optional.empty(), spread.suspect());
        // Only into h4: nothing out of h4 fails, so this is not the both-ways loss of a dropped VXLAN.
        VerifyReport oneWay = threeHosts(to("ovl-probe-h3", true) + to("ovl-probe-h4", false),
                to("ovl-probe-h2", true) + to("ovl-probe-h4", false),
                to("ovl-probe-h2", true) + to("ovl-probe-h3", true));
        assertEquals(java.util.Optional.empty(), oneWay.suspect());
        assertEquals(java.util.Optional.empty(), oneWay.diagnosis());
        // Only h3 <-> h4 fail (as when h2's probe did not start): either could be the one; name neither.
        VerifyReport pair = threeHosts(to("ovl-probe-h3", true) + to("ovl-probe-h4", true),
                to("ovl-probe-h2", true) + to("ovl-probe-h4", false),
                to("ovl-probe-h2", true) + to("ovl-probe-h3", false));
        assertEquals(java.util.Optional.empty(), pair.suspect());
    }
}
