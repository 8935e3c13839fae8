package io.ovl.draft;

import io.ovl.addressing.Prefix;
import io.ovl.doctor.SubnetClashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A /24 for the example network that clashes with nothing seen on any host (no address, route
 * other than the default, or Docker network overlaps it: {@link SubnetClashes}, the rule of
 * doctor's subnet.overlap and {@code ovl net create}). Searched in 172.16.0.0/16, starting at
 * Docker's guide's 172.16.16.0/24: outside Docker's default pools for bridge networks
 * (172.17.0.0/16 to 172.31.0.0/16, 192.168.0.0/16) and swarm's (10.0.0.0/8), so neither
 * allocates it later on its own.
 */
public final class FreeSubnet {
    private FreeSubnet() {
    }

    /** The candidates in the order tried: 172.16.16.0/24 .. 172.16.255.0/24, then 172.16.0.0/24 .. 172.16.15.0/24. */
    static List<Prefix> candidates() {
        List<Prefix> out = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            out.add(Prefix.parse("172.16." + ((i + 16) % 256) + ".0/24"));
        }
        return out;
    }

    /** The first candidate no host's facts clash with; empty when every one does. */
    public static Optional<Prefix> first(List<Underlay.View> hosts) {
        return candidates().stream().filter(p -> hosts.stream().allMatch(h ->
                SubnetClashes.of(p, h.interfaces(), h.routes(), h.dockerNetworks()).isEmpty())).findFirst();
    }
}
