package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NetworkSpecValidatorTest {
    static NetworkSpec spec(Optional<Prefix> subnet, Optional<Prefix> range, Optional<IpAddress> gw, OptionalInt mtu) {
        return new NetworkSpec("n", subnet.map(s -> List.of(new IpamPool(s, range, gw, Map.of()))).orElse(List.of()),
                false, false, false, mtu, Map.of());
    }

    @Test
    void mtuRange() {
        Prefix s = Prefix.parse("10.0.0.0/24");
        assertEquals(List.of(), NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(68))));
        assertEquals(List.of(), NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(9000))));
        List<Finding> low = NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(67)));
        assertEquals("mtu", low.get(0).subject());
        assertEquals(1, NetworkSpecValidator.validate(spec(Optional.of(s), Optional.empty(), Optional.empty(), OptionalInt.of(9001))).size());
    }

    @Test
    void withoutSubnetDockerChooses() {
        assertEquals(List.of(), NetworkSpecValidator.validate(spec(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty())));
    }

    static NetworkSpec dual(String... subnets) {
        return new NetworkSpec("n", java.util.Arrays.stream(subnets).map(s -> IpamPool.of(Prefix.parse(s))).toList(),
                false, false, false, OptionalInt.empty(), Map.of());
    }

    @Test
    void oneIpv4AndOneIpv6SubnetIsDualStack() {
        NetworkSpec n = dual("10.1.0.0/24", "fd00:1::/64");
        assertEquals(List.of(), NetworkSpecValidator.validate(n));
        assertTrue(n.ipv6());
        assertTrue(!dual("10.1.0.0/24").ipv6());
    }

    @Test
    void aSecondSubnetOfOneFamilyIsRefusedNamingItsPlace() {
        List<Finding> f = NetworkSpecValidator.validate(dual("10.1.0.0/24", "fd00:1::/64", "10.2.0.0/24"));
        assertEquals(1, f.size(), f.toString());
        assertEquals("subnet[2]", f.get(0).subject());
        assertEquals("a second IPv4 subnet 10.2.0.0/24 (the first is 10.1.0.0/24): ovl supports one subnet per address"
                + " family, one IPv4 and one IPv6", f.get(0).message());
        assertEquals("subnet[1]", NetworkSpecValidator.validate(dual("fd00:1::/64", "fd00:2::/64")).get(0).subject());
    }

    @Test
    void eachPoolIsCheckedWithItsPlaceInTheList() {
        List<Finding> f = NetworkSpecValidator.validate(new NetworkSpec("n", List.of(IpamPool.of(Prefix.parse("10.1.0.0/24")),
                new IpamPool(Prefix.parse("fd00:1::5/64"), Optional.empty(), Optional.of(IpAddress.parse("fd00:1::")), Map.of())),
                false, false, false, OptionalInt.empty(), Map.of()));
        assertEquals(List.of("subnet[1]", "gateway"), f.stream().map(Finding::subject).toList(), f.toString());
        assertTrue(f.get(1).message().contains("fd00:1::"), f.get(1).message());
    }

    static List<String> optionFindings(Map<String, String> options) {
        NetworkSpec n = new NetworkSpec("n", List.of(), false, false, false, OptionalInt.empty(), Map.of(), options);
        return NetworkSpecValidator.validate(n).stream().map(f -> f.subject() + ": " + f.message()).toList();
    }

    @Test
    void anyDriverOptionWithAPlainNameIsPassedOnUnjudged() {
        assertEquals(List.of(), optionFindings(Map.of("com.docker.network.driver.overlay.vxlanid_list", "4097",
                "anything.at.all", "", "x", "a value with = and spaces")));
    }

    @Test
    void anOptionNameMustBeNonEmptyWithoutEqualsSpaceOrControl() {
        assertEquals(List.of("options.: driver option '=1' has no name"), optionFindings(Map.of("", "1")));
        for (String bad : List.of("a b", "a=b", "a\tb", "a\u0001b")) {
            List<String> f = optionFindings(Map.of(bad, "1"));
            assertEquals(1, f.size(), bad);
            assertTrue(f.get(0).startsWith("options." + bad + ": driver option name '" + bad + "' contains"), f.get(0));
        }
    }

    @Test
    void encryptedAndTheMtuAsOptionsAreRefusedPointingAtTheirOwnKeys() {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("encrypted", "");
        options.put("com.docker.network.driver.mtu", "1400");
        NetworkSpec n = new NetworkSpec("n", List.of(), false, false, false, OptionalInt.empty(), Map.of(), options);
        List<Finding> f = NetworkSpecValidator.validate(n);
        assertEquals(List.of("options.encrypted", "options.com.docker.network.driver.mtu"),
                f.stream().map(Finding::subject).toList());
        assertTrue(f.get(0).fix().orElseThrow().contains("encrypted: true"), f.get(0).toString());
        assertTrue(f.get(1).fix().orElseThrow().contains("mtu: 1400"), f.get(1).toString());
    }
}
