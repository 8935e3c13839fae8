package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.facts.Protocol;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe's arguments: addresses of either family go as they are; the wildcard follows the family. */
class ProbeScriptsTest {

    @Test
    void theListenerBindsTheAdvertisedAddressElseTheWildcardOfItsFamily() {
        assertEquals("fd00::11", ProbeScripts.bindAddress(new AdvertiseAddress("fd00::11", Optional.empty(), true)));
        assertEquals("::", ProbeScripts.bindAddress(new AdvertiseAddress("2001:db8::7", Optional.empty(), false)));
        assertEquals("0.0.0.0", ProbeScripts.bindAddress(new AdvertiseAddress("203.0.113.7", Optional.empty(), false)));
        assertEquals("198.18.0.11", ProbeScripts.bindAddress(new AdvertiseAddress("198.18.0.11", Optional.empty(), true)));
    }

    @Test
    void anIpv6TargetIsOneArgumentAfterProtocolAndPort() {
        PortNeed vxlan = new PortNeed(Protocol.UDP, 4789, "VXLAN", Set.of(), Set.of("h1"));
        List<String> argv = ProbeScripts.send(5, "run1", "h1",
                List.of(new ProbeScripts.Send(vxlan, "fd6f:766c:6162:154::12"))).argv();
        assertEquals(List.of("5", "run1", "h1", "udp", "4789", "fd6f:766c:6162:154::12"), argv.subList(3, argv.size()));
        List<String> listen = ProbeScripts.listen(5, 60, "run1", "fd6f:766c:6162:154::12", List.of(vxlan)).argv();
        assertEquals(List.of("5", "60", "run1", "fd6f:766c:6162:154::12", "udp/4789/1"), listen.subList(3, listen.size()));
    }
}
