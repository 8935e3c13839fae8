package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.List;

/**
 * The subnet is ordinary unicast space a container can have an address in: not the whole address
 * space, and overlapping none of the ranges the kernel treats specially (the unspecified
 * "this network", loopback, link-local, multicast). Docker accepts some of these and the network
 * then fails at run time, or captures the host's own traffic.
 */
public final class SubnetIsUsable implements AddressingRule {
    private record Special(Prefix range, String what, String why) {
        Special(String range, String what, String why) {
            this(Prefix.parse(range), what, why);
        }
    }

    private static final List<Special> SPECIAL = List.of(
            new Special("0.0.0.0/8", "'this network' (0.0.0.0/8)", "no host may have such an address"),
            new Special("127.0.0.0/8", "loopback", "these addresses never leave a host"),
            new Special("169.254.0.0/16", "link-local", "these addresses are not routed beyond one link"),
            new Special("224.0.0.0/4", "multicast", "an interface cannot have a multicast address"),
            new Special("::/128", "the unspecified address", "no host may have it"),
            new Special("::1/128", "loopback", "this address never leaves a host"),
            new Special("fe80::/10", "link-local", "these addresses are not routed beyond one link"),
            new Special("ff00::/8", "multicast", "an interface cannot have a multicast address"));

    static final String FIX = "use a private range such as 172.16.16.0/24 (RFC 1918) or fd00:16::/64 (RFC 4193)";

    /** Whether {@code subnet} passes this rule: what other rules use to leave a refused subnet to it. */
    public static boolean usable(Prefix subnet) {
        return findings(subnet.network()).isEmpty();
    }

    @Override
    public List<Finding> check(IpamPool plan) {
        return findings(plan.subnetNetwork());
    }

    private static List<Finding> findings(Prefix subnet) {
        if (subnet.length() == 0) {
            return List.of(Finding.error("subnet", "subnet " + subnet + " is every " + subnet.version()
                    + " address (the default route), not a network containers can live in", FIX));
        }
        for (Special s : SPECIAL) {
            if (s.range().overlaps(subnet)) {
                String where = s.range().contains(subnet) ? "lies in" : "overlaps";
                return List.of(Finding.error("subnet", "subnet " + subnet + " " + where + " the " + s.what() + " range "
                        + s.range() + ": " + s.why(), FIX));
            }
        }
        return List.of();
    }
}
