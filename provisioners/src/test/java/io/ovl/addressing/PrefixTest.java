package io.ovl.addressing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefixTest {
    @Test
    void keepsHostBitsAsWrittenAndKnowsItsNetwork() {
        Prefix p = Prefix.parse("172.16.16.5/24");
        assertEquals("172.16.16.5/24", p.toString());
        assertFalse(p.isNetworkAddress());
        assertEquals("172.16.16.0/24", p.network().toString());
        assertTrue(p.network().isNetworkAddress());
    }

    @Test
    void ipv4Bounds() {
        Prefix p = Prefix.parse("192.168.50.0/24");
        assertEquals("192.168.50.0", p.first().toString());
        assertEquals("192.168.50.255", p.last().toString());
        assertEquals(Optional.of(IpAddress.parse("192.168.50.255")), p.broadcast());
        assertEquals(BigInteger.valueOf(256), p.size());
    }

    @Test
    void ipv6HasNoBroadcast() {
        Prefix p = Prefix.parse("fd00:16::/64");
        assertEquals(Optional.empty(), p.broadcast());
        assertEquals("fd00:16::ffff:ffff:ffff:ffff", p.last().toString());
        assertEquals(BigInteger.ONE.shiftLeft(64), p.size());
    }

    @Test
    void containsAddressesAndPrefixes() {
        Prefix p = Prefix.parse("172.16.16.0/24");
        assertTrue(p.contains(IpAddress.parse("172.16.16.0")));
        assertTrue(p.contains(IpAddress.parse("172.16.16.255")));
        assertFalse(p.contains(IpAddress.parse("172.16.17.0")));
        assertFalse(p.contains(IpAddress.parse("::1")), "other family is never contained");
        assertTrue(p.contains(Prefix.parse("172.16.16.128/25")));
        assertFalse(p.contains(Prefix.parse("172.16.0.0/16")), "a larger prefix is not inside a smaller one");
    }

    @Test
    void overlapIsSymmetricAndFamilyAware() {
        Prefix a = Prefix.parse("10.0.0.0/16");
        Prefix b = Prefix.parse("10.0.255.0/24");
        Prefix c = Prefix.parse("10.1.0.0/16");
        assertTrue(a.overlaps(b));
        assertTrue(b.overlaps(a));
        assertFalse(a.overlaps(c));
        assertFalse(Prefix.parse("::/0").overlaps(Prefix.parse("0.0.0.0/0")));
        assertTrue(Prefix.parse("fd00::/8").overlaps(Prefix.parse("fd00:16::/64")));
    }

    @Test
    void refusesBadPrefixes() {
        assertThrows(AddressFormatException.class, () -> Prefix.parse("172.16.16.0"));
        assertThrows(AddressFormatException.class, () -> Prefix.parse("172.16.16.0/33"));
        assertThrows(AddressFormatException.class, () -> Prefix.parse("fd00::/129"));
        assertThrows(AddressFormatException.class, () -> Prefix.parse("172.16.16.0/x"));
        assertEquals(32, Prefix.parse("10.0.0.1/32").length());
    }
}
