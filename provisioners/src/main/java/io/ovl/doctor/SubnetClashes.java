package io.ovl.doctor;

import io.ovl.addressing.Prefix;
import io.ovl.facts.HostInterface;
import io.ovl.facts.InterfaceAddress;
import io.ovl.facts.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * What an overlay subnet would clash with on one host. An overlap with a host address or route cuts
 * containers off from that LAN (their traffic to it stays in the overlay); with another Docker
 * network, Docker may refuse or route wrongly. The default route overlaps everything and is
 * ignored. One rule for doctor's subnet.overlap check and for {@code ovl net create}.
 */
public final class SubnetClashes {
    private SubnetClashes() {
    }

    /**
     * What {@code subnet} overlaps on the host with these facts, one phrase each ("route 10.0.0.0/8
     * via 192.0.2.1 dev eth0"); empty when nothing.
     */
    public static List<String> of(Prefix subnet, List<HostInterface> interfaces, List<Route> routes,
                                       List<DockerNetwork> networks) {
        Prefix wanted = subnet.network();
        List<String> out = new ArrayList<>();
        for (DockerNetwork d : networks) {
            for (Prefix p : d.subnets()) {
                if (p.network().overlaps(wanted)) {
                    out.add("Docker network " + d.name() + " " + p + " (" + d.driver() + ")");
                }
            }
        }
        for (HostInterface i : interfaces) {
            for (InterfaceAddress a : i.addresses()) {
                Prefix.tryParse(a.prefix().toString()).filter(p -> p.network().overlaps(wanted))
                        .ifPresent(p -> out.add("address " + p + " on " + i.name()));
            }
        }
        for (Route r : routes) {
            if (r.isDefault() || r.destination().length() == 0) {
                continue;
            }
            Prefix.tryParse(r.destination().toString()).filter(p -> p.network().overlaps(wanted)).ifPresent(p ->
                    out.add("route " + p + r.via().map(v -> " via " + v).orElse("") + r.device().map(d -> " dev " + d).orElse("")));
        }
        return out.stream().distinct().toList();
    }
}
