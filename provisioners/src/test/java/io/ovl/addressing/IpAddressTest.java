package io.ovl.addressing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
    @Test
    void parsesIpv4() {
        IpAddress a = IpAddress.parse("172.16.16.2");
        assertEquals(IpVersion.V4, a.version());
        assertEquals(0xAC101002L, a.value().longValue());
        assertEquals("172.16.16.2", a.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"172.16.16", "172.16.16.300", "172.16.016.1", "1.2.3.4.5", "a.b.c.d", "", "172.16.16.1 x"})
    void refusesBadIpv4WithoutAnyLookup(String text) {
        AddressFormatException e = assertThrows(AddressFormatException.class, () -> IpAddress.parse(text));
        assertTrue(e.getMessage().contains("'" + text.strip() + "'"), e.getMessage());
    }

    @Test
    void parsesAndCompressesIpv6() {
        assertEquals("fd00:16::1", IpAddress.parse("FD00:0016:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("::1", IpAddress.parse("::1").toString());
        // RFC 5952: the longest zero run is compressed, a single zero group is not.
        assertEquals("2001:db8:0:1::1", IpAddress.parse("2001:db8:0:1:0:0:0:1").toString());
        assertEquals("2001:db8::1:0:0:1", IpAddress.parse("2001:db8:0:0:1:0:0:1").toString());
    }

    @Test
    void ipv4MappedIpv6StaysIpv6() {
        IpAddress a = IpAddress.parse("::ffff:10.0.0.1");
        assertEquals(IpVersion.V6, a.version());
        assertEquals("::ffff:a00:1", a.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1::2::3", "fe80::1%eth0", "[::1]", "12345::", "g::1", ".:1", "1.2.3.4:"})
    void refusesBadIpv6(String text) {
        assertThrows(AddressFormatException.class, () -> IpAddress.parse(text));
    }
}
