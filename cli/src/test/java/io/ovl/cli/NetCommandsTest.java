package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.addressing.Prefix;
import io.ovl.facts.Fact;
import io.ovl.net.CreateCheck;
import io.ovl.net.CreateReport;
import io.ovl.net.MergedNetwork;
import io.ovl.net.NetReadout;
import io.ovl.net.NetworkListing;
import io.ovl.net.OverlayNetwork;
import io.ovl.net.PairResult;
import io.ovl.net.ProbeCheck;
import io.ovl.net.VerifyReport;
import io.ovl.topology.NetworkSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ovl net ls/inspect/rm/verify through the real CommandLine (arguments, topology lookup, exit codes)
 * and their rendering of engine results built in the test. Talking to hosts is tested on the lab
 * (provisioners' NetLabIT).
 */
class NetCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"ls", "inspect", "rm", "verify"})
    void everyHostCommandSaysWhichTopologyFilesItTried(String sub) {
        Cli.Run r = sub.equals("ls") ? Cli.run("net", sub) : Cli.run("net", sub, "myoverlay");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ovl: no topology file found; tried: -f FILE (not given), $OVL_TOPOLOGY (not set),"), r.err());
    }

    @Test
    void ovlTopologyFromTheEnvironmentIsUsedAndAMissingOneIsAnErrorNotAFallback() {
        Cli.Run r = Cli.run(new CliEnvironment(Map.of("OVL_TOPOLOGY", "nowhere.yaml"), java.nio.file.Path.of(""), false),
                "net", "ls");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nowhere.yaml"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "rm", "verify"})
    void aNameDockerCannotHaveIsRefusedBeforeAnyHostIsContacted(String sub) {
        Cli.Run r = Cli.run("net", sub, "bad/name", "-f", "nowhere.yaml");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("ovl: NAME 'bad/name': "), r.err());
    }

    @Test
    void netHelpListsEverySubcommand() {
        Cli.Run r = Cli.run("net", "--help");
        assertEquals(0, r.exit());
        for (String s : List.of("create", "ls", "inspect", "rm", "verify")) {
            assertTrue(r.out().contains("  " + s + " "), s + " in " + r.out());
        }
        Cli.Run v = Cli.run("net", "verify", "--help");
        assertTrue(v.out().contains("--image=IMAGE"), v.out());
        assertTrue(v.out().contains("default: busybox)"), v.out());
    }

    // ---- verify rendering ----

    private static PairResult pair(String from, String to, ProbeCheck... failing) {
        Map<ProbeCheck, PairResult.Outcome> m = new EnumMap<>(ProbeCheck.class);
        for (ProbeCheck c : ProbeCheck.IPV4) {
            boolean bad = List.of(failing).contains(c);
            m.put(c, new PairResult.Outcome(!bad, bad ? "no reply" : ""));
        }
        return new PairResult(from, to, m);
    }

    private static VerifyReport report(List<PairResult> pairs) {
        List<String> hosts = List.of("h2", "h3", "h4");
        Map<String, VerifyReport.Probe> probes = Map.of(
                "h2", new VerifyReport.Probe("ovl-probe-h2", Optional.of("10.0.0.2"), Optional.empty()),
                "h3", new VerifyReport.Probe("ovl-probe-h3", Optional.of("10.0.0.3"), Optional.empty()),
                "h4", new VerifyReport.Probe("ovl-probe-h4", Optional.of("10.0.0.4"), Optional.empty()));
        return new VerifyReport("myoverlay", "local/busybox:1", ProbeCheck.IPV4, hosts, probes, pairs, List.of());
    }

    private static final VerifyReport H4_DROPS_VXLAN = report(List.of(
            pair("h2", "h3"), pair("h2", "h4", ProbeCheck.ICMP, ProbeCheck.TCP),
            pair("h3", "h2"), pair("h3", "h4", ProbeCheck.ICMP, ProbeCheck.TCP),
            pair("h4", "h2", ProbeCheck.ICMP), pair("h4", "h3", ProbeCheck.ICMP)));

    @Test
    void theMatrixHasSourcesAsRowsTargetsAsColumnsAndNamesFailedChecks() {
        assertEquals(String.join("\n",
                "from \\ to  h2         h3         h4",
                "h2         -          ok         icmp-FAIL,tcp-FAIL",
                "h3         ok         -          icmp-FAIL,tcp-FAIL",
                "h4         icmp-FAIL  icmp-FAIL  -",
                ""), NetViews.matrix(H4_DROPS_VXLAN));
    }

    @Test
    void theTextNamesEveryFailingPairWithItsChecksAndReasons() {
        String text = NetViews.verifyText(H4_DROPS_VXLAN, new Style(false));
        assertTrue(text.contains("FAIL h2 -> h4: icmp (no reply), tcp (no reply)\n"), text);
        assertTrue(text.contains("FAIL h4 -> h3: icmp (no reply)\n"), text);
        assertFalse(text.contains("FAIL h2 -> h3"), text);
        assertTrue(NetViews.verifyText(report(List.of(pair("h2", "h3"), pair("h2", "h4"), pair("h3", "h2"), pair("h3", "h4"),
                pair("h4", "h2"), pair("h4", "h3"))), new Style(false)).contains("all 6 ordered pairs passed"));
    }

    @Test
    void aSingleOverlayHostIsNotAPass() {
        VerifyReport alone = new VerifyReport("n", "i", ProbeCheck.IPV4, List.of("h2"), Map.of("h2",
                new VerifyReport.Probe("ovl-probe-h2", Optional.of("10.0.0.2"), Optional.empty())), List.of(), List.of());
        String text = NetViews.verifyText(alone, new Style(false));
        assertTrue(text.contains("fewer than two overlay hosts: no pair to test"), text);
        assertFalse(text.contains("passed"), text);
    }

    @Test
    void verifyJsonHasTheDocumentedShape() throws Exception {
        JsonNode root = JSON.readTree(Json.write(NetViews.verifyJson(H4_DROPS_VXLAN)));
        assertFalse(root.get("passed").asBoolean());
        assertEquals("10.0.0.4", root.at("/probes/h4/address").asText());
        assertTrue(root.at("/probes/h4/error").isNull());
        assertEquals(6, root.get("pairs").size());
        JsonNode first = root.get("pairs").get(1);
        assertEquals("h2", first.get("from").asText());
        assertEquals("h4", first.get("to").asText());
        assertFalse(first.at("/icmp/ok").asBoolean());
        assertTrue(first.at("/dns/ok").asBoolean());
        assertEquals(List.of("h2 -> h4", "h3 -> h4", "h4 -> h2", "h4 -> h3"),
                JSON.convertValue(root.get("failing"), List.class));
        assertTrue(root.get("cleanup-problems").isArray());
    }

    /** h2 -> h3 resolved only on the third try; every other pair at once. */
    private static final VerifyReport SLOW_DNS = report(List.of(
            slowDns("h2", "h3"), pair("h2", "h4"), pair("h3", "h2"), pair("h3", "h4"), pair("h4", "h2"), pair("h4", "h3")));

    private static PairResult slowDns(String from, String to) {
        Map<ProbeCheck, PairResult.Outcome> m = new EnumMap<>(ProbeCheck.class);
        m.put(ProbeCheck.ICMP, new PairResult.Outcome(true, ""));
        m.put(ProbeCheck.TCP, new PairResult.Outcome(true, ""));
        m.put(ProbeCheck.DNS, new PairResult.Outcome(true, "", 3, 17));
        return new PairResult(from, to, m);
    }

    @Test
    void aLookupThatNeededRetriesIsAWarningInTheMatrixTextAndJsonAndThePairPasses() throws Exception {
        assertTrue(NetViews.matrix(SLOW_DNS).contains("h2         -   ok,dns-WARN  ok\n"), NetViews.matrix(SLOW_DNS));
        String text = NetViews.verifyText(SLOW_DNS, new Style(false));
        assertTrue(text.contains("all 6 ordered pairs passed (1 with a warning)\n"), text);
        assertTrue(text.contains("WARN h2 -> h3: dns ok after 3 tries, 17 s\n"), text);
        assertFalse(text.contains("FAIL"), text);

        JsonNode root = JSON.readTree(Json.write(NetViews.verifyJson(SLOW_DNS)));
        assertTrue(root.get("passed").asBoolean());
        assertEquals(List.of("h2 -> h3: dns ok after 3 tries, 17 s"), JSON.convertValue(root.get("warnings"), List.class));
        JsonNode dns = root.get("pairs").get(0).get("dns");
        assertTrue(dns.get("ok").asBoolean());
        assertEquals(3, dns.get("tries").asInt());
        assertEquals(17, dns.get("seconds").asInt());
        assertEquals("dns ok after 3 tries, 17 s", dns.get("warning").asText());
        assertTrue(root.get("pairs").get(1).at("/dns/warning").isNull());
        assertEquals(0, root.get("failing").size());
        assertEquals(0, JSON.readTree(Json.write(NetViews.verifyJson(H4_DROPS_VXLAN))).get("warnings").size());
    }

    @Test
    void aFailedLookupSaysHowLongItWasTried() {
        Map<ProbeCheck, PairResult.Outcome> m = new EnumMap<>(ProbeCheck.class);
        m.put(ProbeCheck.ICMP, new PairResult.Outcome(true, ""));
        m.put(ProbeCheck.TCP, new PairResult.Outcome(true, ""));
        m.put(ProbeCheck.DNS, new PairResult.Outcome(false, "resolved to nothing", 9, 29));
        VerifyReport r = report(List.of(new PairResult("h2", "h3", m), pair("h2", "h4"), pair("h3", "h2"), pair("h3", "h4"),
                pair("h4", "h2"), pair("h4", "h3")));
        String text = NetViews.verifyText(r, new Style(false));
        assertTrue(text.contains("FAIL h2 -> h3: dns (resolved to nothing, after 9 tries, 29 s)\n"), text);
        assertFalse(text.contains("passed"), text);
        assertFalse(text.contains("WARN"), text);
    }

    // ---- ls and inspect rendering ----

    private static final OverlayNetwork MY = new OverlayNetwork("myoverlay", "0123456789abcdef", "overlay", "global", false, false,
            List.of(new OverlayNetwork.Ipam("172.16.16.0/24", Optional.of("172.16.16.128/25"), Optional.empty(),
                    Map.of("ip2", "172.16.16.2"))), Map.of("com.docker.network.driver.mtu", "1450"), Map.of(),
            List.of(new OverlayNetwork.Endpoint("web1", "172.16.16.129/24", "", "02:42:ac:10:10:81")));
    private static final NetReadout READOUT = new NetReadout(List.of("h2", "h3", "h4"), Map.of(
            "h2", Fact.known(List.of(new OverlayNetwork("myoverlay", "0123456789abcdef", "overlay", "global", false, false,
                    MY.ipam(), MY.options(), Map.of(), List.of()))),
            "h3", Fact.known(List.of(MY)),
            "h4", Fact.known(List.of())));

    @Test
    void lsMarksANetworkAHostMisses() {
        String text = NetLsCommand.text(NetworkListing.of(READOUT, READOUT.hosts()), new Style(false));
        assertEquals("NAME       SUBNET          HOSTS\nmyoverlay  172.16.16.0/24  h2, h3  MISSING on h4\n", text);
    }

    @Test
    void lsInSwarmModeDoesNotMarkAWorkerThatDoesNotListTheNetwork() {
        // h2 the manager, h3 and h4 workers: h4 has no container on it, so it does not list it.
        String text = NetLsCommand.text(NetworkListing.of(READOUT, List.of("h2")), new Style(false));
        assertEquals("NAME       SUBNET          HOSTS\nmyoverlay  172.16.16.0/24  h2, h3\n", text);
    }

    @Test
    void lsJsonHasTheDocumentedShape() throws Exception {
        JsonNode root = JSON.readTree(Json.write(NetLsCommand.json(READOUT, NetworkListing.of(READOUT, READOUT.hosts()))));
        assertEquals(3, root.get("hosts").size());
        JsonNode n = root.get("networks").get(0);
        assertEquals("myoverlay", n.get("name").asText());
        assertEquals("h4", n.get("missing-on").get(0).asText());
        assertFalse(n.get("complete").asBoolean());
        assertTrue(root.get("unreadable").isObject());
    }

    @Test
    void inspectJsonHasEndpointsPerHost() throws Exception {
        MergedNetwork m = MergedNetwork.of("myoverlay", READOUT, READOUT.hosts()).orElseThrow();
        JsonNode root = JSON.readTree(Json.write(NetInspectCommand.json(m)));
        assertEquals("172.16.16.128/25", root.at("/ipam/0/ip-range").asText());
        assertTrue(root.at("/ipam/0/gateway").isNull());
        assertEquals("172.16.16.2", root.at("/ipam/0/aux-addresses/ip2").asText());
        assertEquals(0, root.at("/endpoints/h2").size());
        assertEquals("web1", root.at("/endpoints/h3/0/container").asText());
        assertEquals("172.16.16.129/24", root.at("/endpoints/h3/0/ipv4").asText());
        assertTrue(root.at("/endpoints/h3/0/ipv6").isNull());
        assertEquals("h4", root.at("/missing-on/0").asText());
        String text = NetInspectCommand.text(m, new Style(false));
        assertTrue(text.contains("  h3: web1  172.16.16.129/24  02:42:ac:10:10:81\n"), text);
        assertTrue(text.contains("MISSING on     h4"), text);
    }

    // ---- create rendering ----

    @Test
    void aRefusedCreateNamesHostAndClashInTextErrorAndJson() throws Exception {
        NetworkSpec spec = NetworkSpec.of("clash", Prefix.parse("10.123.4.0/24"));
        CreateCheck check = new CreateCheck(List.of(new CreateCheck.HostCheck("h2", List.of(), List.of()),
                new CreateCheck.HostCheck("h3", List.of("route 10.123.0.0/16 via 198.18.0.11 dev eth0"), List.of())));
        CreateReport r = new CreateReport(spec, check, Optional.empty(), List.of(), List.of(), Optional.empty());

        assertEquals("net create clash refused, nothing was changed: host h3: 10.123.4.0/24 overlaps route 10.123.0.0/16"
                + " via 198.18.0.11 dev eth0", NetViews.createFailure(r));
        assertTrue(NetViews.createText(r, new Style(false)).contains("  h3: 10.123.4.0/24 overlaps route 10.123.0.0/16"));
        JsonNode root = JSON.readTree(Json.write(new NetworkReport(spec, List.of(), false).json(r)));
        assertEquals(3, root.get("exit-code").asInt());
        assertTrue(root.get("created-on").isNull());
        assertFalse(root.at("/checks/1/ok").asBoolean());
        assertEquals("route 10.123.0.0/16 via 198.18.0.11 dev eth0", root.at("/checks/1/clashes/0").asText());
        assertEquals(0, root.at("/checks/0/problems").size());
    }
}
