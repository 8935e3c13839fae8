package io.ovl.net;

import io.ovl.addressing.Prefix;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.HostInterface;
import io.ovl.facts.InterfaceAddress;
import io.ovl.facts.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a new overlay's subnet is safe on one host. An overlap with a host address or route cuts
 * containers off from that LAN (their traffic to it stays in the overlay); with another Docker
 * network, Docker may refuse or route wrongly. The default route overlaps everything and is
 * ignored. The same rules as doctor's subnet.overlap check, applied to one network before it exists.
 */
public final class Overlaps {
    private Overlaps() {
    }

    /** What {@code subnet} overlaps on the host with these facts, one sentence each; empty when nothing. */
    public static List<String> clashes(Prefix subnet, List<HostInterface> interfaces, List<Route> routes,
                                       List<DockerNetwork> networks) {
        Prefix wanted = subnet.network();
        List<String> out = new ArrayList<>();
        for (DockerNetwork d : networks) {
            for (Prefix p : d.subnets()) {
                if (p.network().overlaps(wanted)) {
                    out.add("Docker network " + d.name() + " (" + d.driver() + ") uses " + p);
                }
            }
        }
        for (HostInterface i : interfaces) {
            for (InterfaceAddress a : i.addresses()) {
                parse(a.prefix().toString()).filter(p -> p.network().overlaps(wanted))
                        .ifPresent(p -> out.add("address " + p + " on " + i.name()));
            }
        }
        for (Route r : routes) {
            if (r.isDefault() || r.destination().length() == 0) {
                continue;
            }
            parse(r.destination().toString()).filter(p -> p.network().overlaps(wanted)).ifPresent(p ->
                    out.add("route " + p + r.via().map(v -> " via " + v).orElse("") + r.device().map(d -> " dev " + d).orElse("")));
        }
        return out.stream().distinct().toList();
    }

    private static Optional<Prefix> parse(String text) {
        return Prefix.tryParse(text);
    }
}
