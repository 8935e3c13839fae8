package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void parsesEveryAddressFormOfTheNamespaceCapture() {
        List<ListeningSocket> s = ListeningSockets.parse(Resources.text("ss-H-lntu-netns.txt"));
        assertEquals(List.of(
                new ListeningSocket(Protocol.UDP, "0.0.0.0", Optional.empty(), 7946),
                new ListeningSocket(Protocol.UDP, "0.0.0.0", Optional.empty(), 4789),
                new ListeningSocket(Protocol.UDP, "*", Optional.empty(), 8301),
                new ListeningSocket(Protocol.TCP, "0.0.0.0", Optional.empty(), 7946),
                new ListeningSocket(Protocol.TCP, "198.18.0.11", Optional.empty(), 8500),
                new ListeningSocket(Protocol.TCP, "127.0.0.1", Optional.empty(), 2181),
                new ListeningSocket(Protocol.TCP, "2001:db8:18::11", Optional.empty(), 2377),
                new ListeningSocket(Protocol.TCP, "*", Optional.empty(), 2379)), s);
    }

    @Test
    void headerAndProcessColumnsDoNotChangeTheResult() {
        List<ListeningSocket> plain = ListeningSockets.parse(Resources.text("ss-H-lntu-netns.txt"));
        assertEquals(plain, ListeningSockets.parse(Resources.text("ss-lntu-header-netns.txt")));
        assertEquals(plain, ListeningSockets.parse(Resources.text("ss-H-lntup-netns.txt")));
    }

    @Test
    void scopedAndV6OnlyListeners() {
        List<ListeningSocket> s = ListeningSockets.parse(Resources.text("ss-H-lntu-netns-scoped.txt"));
        assertEquals(new ListeningSocket(Protocol.UDP, "127.0.0.53", Optional.of("lo"), 53), s.get(0));
        assertEquals(new ListeningSocket(Protocol.TCP, "::", Optional.empty(), 22), s.get(3));
        assertEquals("udp 127.0.0.53%lo:53", s.get(0).toString());
    }

    @Test
    void thisMachine() {
        assertEquals(List.of(new ListeningSocket(Protocol.TCP, "0.0.0.0", Optional.empty(), 2024)),
                ListeningSockets.parse(Resources.text("ss-H-lntu-this-machine.txt")));
    }

    @Test
    void blockingFindsWildcardsAndExactAddressesOnly() {
        List<ListeningSocket> s = ListeningSockets.parse(Resources.text("ss-H-lntu-netns.txt"));
        // 7946/udp and 4789/udp are taken on every address
        assertEquals(1, ListeningSockets.blocking(s, Protocol.UDP, "198.18.0.11", 4789).size());
        // 8500 is bound to .11 only: .99 is free, .11 is not
        assertEquals(List.of(), ListeningSockets.blocking(s, Protocol.TCP, "198.18.0.99", 8500));
        assertEquals(1, ListeningSockets.blocking(s, Protocol.TCP, "198.18.0.11", 8500).size());
        // "*" (dual stack) blocks an IPv4 address too
        assertEquals(1, ListeningSockets.blocking(s, Protocol.TCP, "198.18.0.11", 2379).size());
        // protocol matters: 2379/udp is free
        assertEquals(List.of(), ListeningSockets.blocking(s, Protocol.UDP, "198.18.0.11", 2379));
    }

    @Test
    void oldSsWithoutBracketsForIpv6() {
        assertEquals(new ListeningSocket(Protocol.TCP, "::", Optional.empty(), 22),
                ListeningSockets.parse("tcp    LISTEN     0      128      :::22      :::*\n").get(0));
    }

    @Test
    void outputWithoutNetidColumnIsRejectedWithAHint() {
        // what `ss -H -lnt` (no -u) prints: no Netid column
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> ListeningSockets.parse("LISTEN 0      128          0.0.0.0:2024      0.0.0.0:*\n"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("-u"), e.getMessage());
    }

    @Test
    void labHostHasSshOnBothStacksAndContainerdOnLoopback() {
        List<ListeningSocket> s = ListeningSockets.parse(Resources.text("ss-H-lntu-lab-host.txt"));
        assertEquals(3, s.size());
        assertEquals("127.0.0.1", s.get(0).address());
        assertEquals(List.of(), ListeningSockets.blocking(s, Protocol.TCP, "198.18.252.11", 2379));
        assertEquals(2, s.stream().filter(x -> x.port() == 22 && x.isWildcard()).count());
    }

    @Test
    void ovlsEtcdOnALabHostBindsTheUnderlayAddressOnly() {
        List<ListeningSocket> s = ListeningSockets.parse(Resources.text("ss-H-lntu-lab-etcd.txt"));
        List<ListeningSocket> etcd = s.stream().filter(x -> x.port() == 2379 || x.port() == 2380).toList();
        assertEquals(2, etcd.size());
        assertTrue(etcd.stream().allMatch(x -> x.address().equals("198.18.252.11") && !x.isWildcard()));
        // a second store on another address of that host would not collide
        assertEquals(List.of(), ListeningSockets.blocking(s, Protocol.TCP, "198.18.252.99", 2379));
    }

    @Test
    void swarmManagerPortsAreSeenAsTaken() {
        List<ListeningSocket> s = ListeningSockets.parse(Resources.text("ss-H-lntu-lab-swarm-manager.txt"));
        String ip = "198.18.252.13";
        assertEquals(1, ListeningSockets.blocking(s, Protocol.TCP, ip, 2377).size());
        assertEquals(1, ListeningSockets.blocking(s, Protocol.TCP, ip, 7946).size());
        assertEquals(1, ListeningSockets.blocking(s, Protocol.UDP, ip, 7946).size());
        assertEquals(1, ListeningSockets.blocking(s, Protocol.UDP, ip, 4789).size());
        assertEquals(List.of(), ListeningSockets.blocking(s, Protocol.TCP, ip, 8500));
    }
}
