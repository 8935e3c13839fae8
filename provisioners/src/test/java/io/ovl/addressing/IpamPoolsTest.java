package io.ovl.addressing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.addressing.IpamPools.Written;
import io.ovl.core.Finding;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Docker's rule for repeated --subnet/--ip-range/--gateway/--aux-address: each belongs to the subnet containing it (pure). */
class IpamPoolsTest {
    private static List<Written<Prefix>> prefixes(String key, String... values) {
        return Arrays.stream(values).map(v -> new Written<>(Prefix.parse(v), key)).toList();
    }

    private static List<Written<IpAddress>> addresses(String key, String... values) {
        return Arrays.stream(values).map(v -> new Written<>(IpAddress.parse(v), key)).toList();
    }

    private static List<String> problems(IpamPools.Assigned a) {
        return a.problems().stream().map(f -> f.subject() + ": " + f.message()).toList();
    }

    @Test
    void eachRangeGatewayAndAuxAddressGoesToTheSubnetThatContainsItWhateverTheOrder() {
        Map<String, IpAddress> aux = new LinkedHashMap<>();
        aux.put("r6", IpAddress.parse("fd00:1::2"));
        aux.put("r4", IpAddress.parse("10.1.0.2"));
        IpamPools.Assigned a = IpamPools.assign(prefixes("subnet", "10.1.0.0/24", "fd00:1::/64"),
                prefixes("ip-range", "fd00:1::100/120", "10.1.0.128/25"), addresses("gateway", "fd00:1::1", "10.1.0.1"), aux);

        assertEquals(List.of(), a.problems());
        assertEquals(List.of(
                new IpamPool(Prefix.parse("10.1.0.0/24"), Optional.of(Prefix.parse("10.1.0.128/25")),
                        Optional.of(IpAddress.parse("10.1.0.1")), Map.of("r4", IpAddress.parse("10.1.0.2"))),
                new IpamPool(Prefix.parse("fd00:1::/64"), Optional.of(Prefix.parse("fd00:1::100/120")),
                        Optional.of(IpAddress.parse("fd00:1::1")), Map.of("r6", IpAddress.parse("fd00:1::2")))), a.pools());
    }

    @Test
    void withOneSubnetWhatMissesItStaysWithItForThePoolRulesToName() {
        IpamPools.Assigned a = IpamPools.assign(prefixes("subnet", "10.0.0.0/24"), prefixes("ip-range", "10.0.1.0/25"),
                addresses("gateway", "fd00::1"), Map.of());
        assertEquals(List.of(), a.problems());
        assertEquals(new IpamPool(Prefix.parse("10.0.0.0/24"), Optional.of(Prefix.parse("10.0.1.0/25")),
                Optional.of(IpAddress.parse("fd00::1")), Map.of()), a.pools().get(0));
        List<String> said = AddressingRules.check(a.pools().get(0)).stream().map(Finding::message).toList();
        assertEquals(List.of("ip-range 10.0.1.0/25 is not inside subnet 10.0.0.0/24",
                "gateway fd00::1 is IPv6 but subnet 10.0.0.0/24 is IPv4"), said);
    }

    @Test
    void withTwoFamiliesAMissGoesToTheSubnetOfItsFamily() {
        IpamPools.Assigned a = IpamPools.assign(prefixes("subnet", "10.0.0.0/24", "fd00::/64"),
                List.of(), addresses("gateway", "10.9.0.1"), Map.of());
        assertEquals(List.of(), a.problems());
        assertEquals(Optional.of(IpAddress.parse("10.9.0.1")), a.pools().get(0).gateway());
    }

    @Test
    void withoutASubnetNothingElseHasAPlace() {
        IpamPools.Assigned a = IpamPools.assign(List.of(), prefixes("ip-range", "10.0.0.0/25"),
                addresses("gateway", "10.0.0.1"), Map.of("ip2", IpAddress.parse("10.0.0.2")));
        assertEquals(List.of("ip-range: ip-range needs a subnet", "gateway: gateway needs a subnet",
                "aux-addresses.ip2: aux-addresses need a subnet"), problems(a));
        assertEquals(List.of(), a.pools());
    }

    @Test
    void aFamilyWithoutASubnetIsNamed() {
        IpamPools.Assigned a = IpamPools.assign(prefixes("subnet", "10.0.0.0/24", "10.1.0.0/24"),
                prefixes("ip-range", "fd00::/120"), List.of(), Map.of("r", IpAddress.parse("fd00::9")));
        assertEquals(List.of("ip-range: ip-range fd00::/120 is IPv6 but no subnet is (subnets: 10.0.0.0/24, 10.1.0.0/24)",
                "aux-addresses.r: aux-address r=fd00::9 is IPv6 but no subnet is (subnets: 10.0.0.0/24, 10.1.0.0/24)"), problems(a));
    }

    @Test
    void aSubnetTakesOneRangeAndOneGateway() {
        IpamPools.Assigned a = IpamPools.assign(prefixes("subnet", "10.0.0.0/24", "fd00::/64"),
                prefixes("ip-range", "10.0.0.0/25", "10.0.0.128/25"), addresses("gateway", "fd00::1", "fd00::2"), Map.of());
        assertEquals(List.of("ip-range: a second ip-range 10.0.0.128/25 for subnet 10.0.0.0/24 (it has 10.0.0.0/25)",
                "gateway: a second gateway fd00::2 for subnet fd00::/64 (it has fd00::1)"), problems(a));
    }
}
