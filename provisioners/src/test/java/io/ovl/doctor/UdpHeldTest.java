package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.Protocol;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After setup dockerd holds 7946/udp: the prober must send it nothing (dockerd logs every stray
 * datagram). A FAKE host ({@link FakeHost}) answers ss with a dockerd line in the real format.
 */
class UdpHeldTest {
    private static final String SS = "udp   UNCONN 0      0      198.18.144.12:7946      0.0.0.0:*"
            + "    users:((\"dockerd\",pid=812,fd=31))\n";

    private static final GatheredHost H2 = GatheredHost.reached(Labs.H2,
            FakeHost.of("h2-2010").answer(FactCommands.SS, SS).facts());

    @Test
    void aUdpPortHeldOnTheProbedAddressIsNotSentTo() {
        assertTrue(PortProber.udpHeldOn(H2, new PortNeed(Protocol.UDP, 7946, "gossip", Set.of(), Set.of("h3")),
                "198.18.144.12"));
    }

    @Test
    void tcpOtherPortsAndOtherAddressesAreStillProbed() {
        assertFalse(PortProber.udpHeldOn(H2, new PortNeed(Protocol.TCP, 7946, "gossip", Set.of(), Set.of("h3")),
                "198.18.144.12"));
        assertFalse(PortProber.udpHeldOn(H2, new PortNeed(Protocol.UDP, 4789, "vxlan", Set.of(), Set.of("h3")),
                "198.18.144.12"));
        assertFalse(PortProber.udpHeldOn(H2, new PortNeed(Protocol.UDP, 7946, "gossip", Set.of(), Set.of("h3")),
                "198.18.144.99"));
    }
}
