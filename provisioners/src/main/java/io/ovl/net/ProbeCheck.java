package io.ovl.net;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What verify tests for every ordered pair of hosts. */
public enum ProbeCheck {
    /** ping the target probe's overlay IPv4 address. */
    ICMP("icmp"),
    /** an HTTP request to the target probe's busybox httpd, by IPv4 address: any HTTP answer passes. */
    TCP("tcp"),
    /** the target probe's container name resolves (Docker's DNS) to its overlay address. */
    DNS("dns"),
    /** ping -6 the target probe's overlay IPv6 address (a network with IPv6 enabled). */
    ICMP6("icmp6"),
    /** the HTTP request by the target probe's IPv6 address. */
    TCP6("tcp6");

    /** The checks of every network. */
    public static final Set<ProbeCheck> IPV4 = Collections.unmodifiableSet(EnumSet.of(ICMP, TCP, DNS));
    /** The checks added when the network has IPv6 enabled. */
    public static final Set<ProbeCheck> IPV6 = Collections.unmodifiableSet(EnumSet.of(ICMP6, TCP6));

    private final String label;

    ProbeCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean ipv6() {
        return IPV6.contains(this);
    }

    static Optional<ProbeCheck> ofLabel(String s) {
        for (ProbeCheck c : values()) {
            if (c.label.equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
