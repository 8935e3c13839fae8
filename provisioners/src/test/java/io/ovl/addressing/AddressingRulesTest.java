package io.ovl.addressing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AddressingRulesTest {
    static IpamPool plan(String subnet) {
        return IpamPool.of(Prefix.parse(subnet));
    }

    static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Nested
    class DockerGuideExamples {
        @Test
        void bridgeExampleIsValid() {
            IpamPool p = plan("192.168.50.0/24").withGateway(ip("192.168.50.1"))
                    .withIpRange(Prefix.parse("192.168.50.128/25"));
            assertEquals(List.of(), AddressingRules.check(p));
        }

        @Test
        void overlayExampleIsValid() {
            IpamPool p = plan("172.16.16.0/24").withIpRange(Prefix.parse("172.16.16.128/25"))
                    .withAux("ip2", ip("172.16.16.2"));
            assertEquals(List.of(), AddressingRules.check(p));
        }
    }

    @Nested
    class SubnetRule {
        @Test
        void networkAddressPasses() {
            assertEquals(List.of(), new SubnetIsNetworkAddress().check(plan("172.16.16.0/24")));
            assertEquals(List.of(), new SubnetIsNetworkAddress().check(plan("fd00:16::/64")));
        }

        @Test
        void hostBitsAreRefusedNamingTheNetwork() {
            Finding f = only(new SubnetIsNetworkAddress().check(plan("172.16.16.5/24")));
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("subnet", f.subject());
            assertTrue(f.message().contains("172.16.16.5/24 is not a network address"), f.message());
            assertEquals(Optional.of("did you mean 172.16.16.0/24?"), f.fix());
        }

        @Test
        void ipv6HostBitsAreRefused() {
            Finding f = only(new SubnetIsNetworkAddress().check(plan("fd00:16::1/64")));
            assertEquals(Optional.of("did you mean fd00:16::/64?"), f.fix());
        }
    }

    @Nested
    class IpRangeRule {
        @Test
        void rangeInsideSubnetPasses() {
            assertEquals(List.of(), new IpRangeInsideSubnet().check(plan("10.0.0.0/16").withIpRange(Prefix.parse("10.0.128.0/17"))));
            assertEquals(List.of(), new IpRangeInsideSubnet().check(plan("fd00::/48").withIpRange(Prefix.parse("fd00:0:0:1::/64"))));
        }

        @Test
        void rangeOutsideSubnetFails() {
            Finding f = only(new IpRangeInsideSubnet().check(plan("172.16.16.0/24").withIpRange(Prefix.parse("172.16.17.0/25"))));
            assertEquals("ip-range", f.subject());
            assertTrue(f.message().contains("not inside subnet 172.16.16.0/24"), f.message());
        }

        @Test
        void rangeLargerThanSubnetFails() {
            only(new IpRangeInsideSubnet().check(plan("172.16.16.0/24").withIpRange(Prefix.parse("172.16.0.0/16"))));
        }

        @Test
        void rangeWithHostBitsFails() {
            Finding f = only(new IpRangeInsideSubnet().check(plan("172.16.16.0/24").withIpRange(Prefix.parse("172.16.16.130/25"))));
            assertEquals(Optional.of("did you mean 172.16.16.128/25?"), f.fix());
        }

        @Test
        void rangeOfOtherFamilyFails() {
            Finding f = only(new IpRangeInsideSubnet().check(plan("172.16.16.0/24").withIpRange(Prefix.parse("fd00::/64"))));
            assertTrue(f.message().contains("is IPv6 but subnet 172.16.16.0/24 is IPv4"), f.message());
        }
    }

    @Nested
    class GatewayRule {
        @Test
        void hostAddressPasses() {
            assertEquals(List.of(), new GatewayInsideSubnet().check(plan("192.168.50.0/24").withGateway(ip("192.168.50.1"))));
            assertEquals(List.of(), new GatewayInsideSubnet().check(plan("fd00:16::/64").withGateway(ip("fd00:16::1"))));
        }

        @Test
        void outsideFails() {
            Finding f = only(new GatewayInsideSubnet().check(plan("192.168.50.0/24").withGateway(ip("192.168.51.1"))));
            assertEquals("gateway", f.subject());
            assertTrue(f.message().contains("not inside subnet"), f.message());
        }

        @Test
        void networkAddressFails() {
            Finding f = only(new GatewayInsideSubnet().check(plan("192.168.50.0/24").withGateway(ip("192.168.50.0"))));
            assertTrue(f.message().contains("the network address of 192.168.50.0/24"), f.message());
        }

        @Test
        void ipv4BroadcastFails() {
            Finding f = only(new GatewayInsideSubnet().check(plan("192.168.50.0/24").withGateway(ip("192.168.50.255"))));
            assertTrue(f.message().contains("the broadcast address"), f.message());
        }

        @Test
        void ipv6LastAddressIsNotABroadcastAndPasses() {
            assertEquals(List.of(), new GatewayInsideSubnet().check(plan("fd00:16::/126").withGateway(ip("fd00:16::3"))));
        }

        @Test
        void ipv6SubnetRouterAnycastFails() {
            only(new GatewayInsideSubnet().check(plan("fd00:16::/64").withGateway(ip("fd00:16::"))));
        }
    }

    @Nested
    class AuxRule {
        @Test
        void distinctAddressesOutsideTheRangePass() {
            IpamPool p = plan("172.16.16.0/24").withIpRange(Prefix.parse("172.16.16.128/25"))
                    .withGateway(ip("172.16.16.1")).withAux("ip2", ip("172.16.16.2")).withAux("ip3", ip("172.16.16.3"));
            assertEquals(List.of(), new AuxAddressesValid().check(p));
        }

        @Test
        void outsideSubnetFails() {
            Finding f = only(new AuxAddressesValid().check(plan("172.16.16.0/24").withAux("r", ip("172.16.17.2"))));
            assertEquals("aux-addresses.r", f.subject());
            assertTrue(f.message().contains("aux-address r=172.16.17.2 is not inside subnet"), f.message());
        }

        @Test
        void theGatewayFails() {
            IpamPool p = plan("172.16.16.0/24").withGateway(ip("172.16.16.1")).withAux("r", ip("172.16.16.1"));
            assertTrue(only(new AuxAddressesValid().check(p)).message().contains("is the gateway address"));
        }

        @Test
        void aRepeatedAddressFailsOnTheSecondName() {
            IpamPool p = plan("172.16.16.0/24").withAux("a", ip("172.16.16.9")).withAux("b", ip("172.16.16.9"));
            Finding f = only(new AuxAddressesValid().check(p));
            assertEquals("aux-addresses.b", f.subject());
            assertTrue(f.message().contains("repeats the address of aux-address a"), f.message());
        }

        @Test
        void broadcastFails() {
            only(new AuxAddressesValid().check(plan("172.16.16.0/24").withAux("b", ip("172.16.16.255"))));
        }

        @Test
        void insideTheRangeIsOnlyAWarning() {
            IpamPool p = plan("172.16.16.0/24").withIpRange(Prefix.parse("172.16.16.128/25")).withAux("x", ip("172.16.16.130"));
            Finding f = only(new AuxAddressesValid().check(p));
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains("lies inside ip-range 172.16.16.128/25"), f.message());
        }

        @Test
        void ipv6AuxOfIpv4SubnetFails() {
            only(new AuxAddressesValid().check(plan("172.16.16.0/24").withAux("x", ip("fd00::2"))));
        }
    }

    @Nested
    class FreeAddressRule {
        @Test
        void aSlash30WithAGatewayLeavesOne() {
            // 4 addresses: network, broadcast, gateway, one left for a container.
            assertEquals(List.of(), new PoolHasFreeAddress().check(plan("10.0.0.0/30").withGateway(ip("10.0.0.1"))));
        }

        @Test
        void aSlash30WithGatewayAndAuxLeavesNone() {
            IpamPool p = plan("10.0.0.0/30").withGateway(ip("10.0.0.1")).withAux("r", ip("10.0.0.2"));
            Finding f = only(new PoolHasFreeAddress().check(p));
            assertEquals("subnet", f.subject());
            assertTrue(f.message().contains("leaves no address"), f.message());
        }

        @Test
        void aSingleAddressRangeTakenByTheGatewayFails() {
            IpamPool p = plan("10.0.0.0/24").withIpRange(Prefix.parse("10.0.0.8/32")).withGateway(ip("10.0.0.8"));
            assertEquals("ip-range", only(new PoolHasFreeAddress().check(p)).subject());
        }

        @Test
        void aSingleAddressRangeWithGatewayElsewherePasses() {
            IpamPool p = plan("10.0.0.0/24").withIpRange(Prefix.parse("10.0.0.8/32")).withGateway(ip("10.0.0.1"));
            assertEquals(List.of(), new PoolHasFreeAddress().check(p));
        }

        @Test
        void withoutAGatewayDockerTakesOneAddressToo() {
            // /31 without gateway: 2 addresses minus network and broadcast: nothing; /30 keeps 2 - 1 for the gateway.
            only(new PoolHasFreeAddress().check(plan("10.0.0.0/31")));
            assertEquals(List.of(), new PoolHasFreeAddress().check(plan("10.0.0.0/30")));
        }

        @Test
        void ipv6HasNoBroadcastToSubtract() {
            // /126: 4 addresses minus network and gateway leaves 2 (IPv4 would leave 1).
            assertEquals(List.of(), new PoolHasFreeAddress().check(plan("fd00::/126").withGateway(ip("fd00::1"))));
            // /127: network and gateway take both.
            only(new PoolHasFreeAddress().check(plan("fd00::/127").withGateway(ip("fd00::1"))));
        }
    }

    @Test
    void allRulesRunAndReportEveryProblem() {
        IpamPool p = plan("172.16.16.5/24").withGateway(ip("10.0.0.1")).withAux("r", ip("10.9.9.9"))
                .withIpRange(Prefix.parse("172.16.17.0/24"));
        List<String> paths = AddressingRules.check(p).stream().map(Finding::subject).toList();
        assertTrue(paths.containsAll(List.of("subnet", "ip-range", "gateway", "aux-addresses.r")), paths.toString());
    }
}
