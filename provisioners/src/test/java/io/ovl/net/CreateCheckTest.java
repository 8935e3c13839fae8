package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.SubnetClashes;
import io.ovl.facts.Fact;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The overlap rules and the create refusal, on facts parsed from captured output of a lab host
 * (eth0 198.19.208.12/24, docker0 172.17.0.0/16, bridge tnet 10.99.0.0/24, a route 10.123.0.0/16).
 */
class CreateCheckTest {
    private static final HostNetFacts H2 = new HostNetFacts("h2",
            Fact.known(DockerNetwork.parseInspect(NetFixtures.resource("docker-network-inspect-all.json"))),
            Fact.known(IpJson.parseAddr(NetFixtures.resource("ip-addr.json"))),
            Fact.known(IpJson.parseRoute(NetFixtures.resource("ip-route.json"), IpFamily.INET)));

    private static List<String> clashes(String subnet) {
        return SubnetClashes.of(Prefix.parse(subnet), H2.interfaces().value().get(), H2.routes().value().get(),
                H2.dockerNetworks().value().get());
    }

    @Test
    void aSubnetInsideARouteClashesWithThatRouteOnly() {
        assertEquals(List.of("route 10.123.0.0/16 via 198.19.208.11 dev eth0"), clashes("10.123.4.0/24"));
    }

    @Test
    void theUnderlayClashesAsAddressAndRouteAndDockerNetworksClashByName() {
        assertEquals(List.of("address 198.19.208.12/24 on eth0", "route 198.19.208.0/24 dev eth0"), clashes("198.19.208.128/25"));
        List<String> docker = clashes("172.17.0.0/24");
        assertEquals("Docker network bridge 172.17.0.0/16 (bridge)", docker.get(0));
        assertTrue(docker.contains("address 172.17.0.1/16 on docker0"), docker.toString());
    }

    @Test
    void theDefaultRouteOverlapsEverythingAndIsIgnored() {
        assertEquals(List.of(), clashes("172.16.16.0/24"));
    }

    @Test
    void anExistingNameAnUnreadableHostAndAnUnreachableOneEachBlock() {
        NetworkSpec tnet = NetworkSpec.of("tnet", Prefix.parse("172.16.16.0/24"));
        HostNetFacts blind = new HostNetFacts("h3", H2.dockerNetworks(), Fact.unknown("`ip -j -d addr` exited with status 127"),
                H2.routes());
        CreateCheck check = CreateCheck.decide(tnet, List.of("h2", "h3", "h4"), Map.of("h2", H2, "h3", blind),
                Map.of("h4", "connection refused"));

        assertTrue(check.blocked());
        assertTrue(check.hosts().get(0).problems().get(0).startsWith("a network named tnet already exists there (driver bridge,"
                + " subnet 10.99.0.0/24)"), check.hosts().get(0).toString());
        assertEquals(1, check.hosts().get(0).problems().size());
        assertTrue(check.hosts().get(1).problems().contains("cannot read its interfaces (`ip -j -d addr` exited with status 127)"),
                check.hosts().get(1).toString());
        assertEquals(List.of("cannot reach it: connection refused"), check.hosts().get(2).problems());
    }

    @Test
    void aFreeSubnetOnEveryHostPassesAndWithoutASubnetOnlyTheNameIsChecked() {
        NetworkSpec free = NetworkSpec.of("myoverlay", Prefix.parse("172.16.16.0/24"));
        assertFalse(CreateCheck.decide(free, List.of("h2"), Map.of("h2", H2), Map.of()).blocked());

        NetworkSpec noSubnet = new NetworkSpec("auto", List.of(),
                false, false, false, OptionalInt.empty(), Map.of());
        HostNetFacts noRoutes = new HostNetFacts("h2", H2.dockerNetworks(), H2.interfaces(), Fact.unknown("no ip"));
        assertFalse(CreateCheck.decide(noSubnet, List.of("h2"), Map.of("h2", noRoutes), Map.of()).blocked());
    }

    @Test
    void theSameNamedNetworksSubnetIsNotReportedAsASecondProblem() {
        NetworkSpec again = NetworkSpec.of("tnet", Prefix.parse("10.99.0.0/24"));
        CreateCheck check = CreateCheck.decide(again, List.of("h2"), Map.of("h2", H2), Map.of());
        assertEquals(List.of("route 10.99.0.0/24 dev br-c22bebbc1ae1", "address 10.99.0.128/24 on br-c22bebbc1ae1")
                .stream().sorted().toList(), check.hosts().get(0).clashes().stream().sorted().toList());
        assertTrue(check.summary(again).endsWith("(and 2 more)"), check.summary(again));
    }

    @Test
    void theSummaryNamesHostSubnetAndWhatItOverlaps() {
        NetworkSpec clash = NetworkSpec.of("clash", Prefix.parse("10.123.4.0/24"));
        CreateCheck check = CreateCheck.decide(clash, List.of("h2"), Map.of("h2", H2), Map.of());
        assertEquals("host h2: 10.123.4.0/24 overlaps route 10.123.0.0/16 via 198.19.208.11 dev eth0", check.summary(clash));
    }
}
