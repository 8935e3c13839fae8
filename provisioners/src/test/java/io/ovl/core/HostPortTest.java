package io.ovl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** host:port as URLs, Docker and OpenSSH want it: IPv6 literals bracketed once. */
class HostPortTest {

    @Test
    void anIpv6LiteralIsBracketedAndEverythingElseIsNot() {
        assertEquals("198.18.0.11:2379", HostPort.of("198.18.0.11", 2379));
        assertEquals("node1.example:22", HostPort.of("node1.example", 22));
        assertEquals("[fd6f:766c:6162:154::11]:2377", HostPort.of("fd6f:766c:6162:154::11", 2377));
        assertEquals("[::1]:2376", HostPort.of("::1", 2376));
    }

    @Test
    void aHostAlreadyInBracketsAsUriGivesItIsNotBracketedTwice() {
        String host = URI.create("etcd://[fd00::11]:2379/network").getHost();
        assertEquals("[fd00::11]", host);
        assertEquals("[fd00::11]:2379", HostPort.of(host, 2379));
        assertEquals("fd00::11", HostPort.unbracketed(host));
        assertEquals("198.18.0.11", HostPort.unbracketed("198.18.0.11"));
    }
}
