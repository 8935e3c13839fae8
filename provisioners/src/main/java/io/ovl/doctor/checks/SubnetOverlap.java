package io.ovl.doctor.checks;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.SubnetClashes;
import io.ovl.topology.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An overlay subnet that overlaps a host's own addresses, routes or Docker networks silently cuts
 * containers off from that LAN: their traffic to it stays inside the overlay. The default route
 * overlaps everything and is ignored, as is the overlay itself once it exists.
 */
public final class SubnetOverlap extends HostLocalCheck {
    @Override
    public String name() {
        return "subnet.overlap";
    }

    @Override
    public String description() {
        return "overlay subnets overlap none of the host's addresses, routes or other Docker networks";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        List<NetworkSpec> withSubnet = context.topology().networks().stream()
                .filter(n -> !n.pools().isEmpty()).toList();
        if (withSubnet.isEmpty()) {
            return Finding.skip("no network in the topology names a subnet");
        }
        List<String> unknown = new ArrayList<>();
        if (!host.facts().interfaces().isKnown()) {
            unknown.add("interfaces (" + host.facts().interfaces().why() + ")");
        }
        if (!host.facts().routes().isKnown()) {
            unknown.add("routes (" + host.facts().routes().why() + ")");
        }
        if (!host.facts().dockerNetworks().isKnown()) {
            unknown.add("Docker networks (" + host.facts().dockerNetworks().why() + ")");
        }
        Set<String> clashes = new LinkedHashSet<>();
        for (NetworkSpec n : withSubnet) {
            List<DockerNetwork> others = host.facts().dockerNetworks().value().orElse(List.of()).stream()
                    .filter(d -> !isTheOverlayItself(d, n)).toList();
            for (Prefix s : n.subnets()) {
                Prefix subnet = s.network();
                SubnetClashes.of(subnet, host.facts().interfaces().value().orElse(List.of()),
                                host.facts().routes().value().orElse(List.of()), others)
                        .forEach(c -> clashes.add(n.name() + " " + subnet + " overlaps " + c));
            }
        }
        if (!clashes.isEmpty()) {
            return Finding.fail(String.join("; ", clashes),
                    "pick overlay subnets that this host does not use (e.g. from 10.x or 172.16-31.x ranges not routed here)");
        }
        if (!unknown.isEmpty()) {
            return Finding.warn("no overlap found, but could not read " + String.join(", ", unknown),
                    "fix the failing command on the host and run ovl doctor again");
        }
        return Finding.pass("no overlap with " + String.join(", ", withSubnet.stream()
                .map(n -> n.name() + " " + n.subnets().stream().map(Prefix::toString).collect(Collectors.joining(","))).toList()));
    }

    /** Once created, the declared overlay is on the host with its own subnet: not a clash. */
    private static boolean isTheOverlayItself(DockerNetwork d, NetworkSpec n) {
        return d.name().equals(n.name()) && d.driver().equals("overlay");
    }
}
