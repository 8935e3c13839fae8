package io.ovl.doctor.checks;

import io.ovl.addressing.Prefix;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.Verdict;
import io.ovl.facts.HostInterface;
import io.ovl.facts.InterfaceAddress;
import io.ovl.facts.Route;
import io.ovl.topology.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    protected Verdict evaluate(DoctorContext context, GatheredHost host) {
        List<NetworkSpec> withSubnet = context.topology().networks().stream()
                .filter(n -> n.subnet().isPresent()).toList();
        if (withSubnet.isEmpty()) {
            return Verdict.skip("no network in the topology names a subnet");
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
            Prefix subnet = n.subnet().get().network();
            for (HostInterface i : host.facts().interfaces().value().orElse(List.of())) {
                for (InterfaceAddress a : i.addresses()) {
                    prefix(a.prefix().toString()).filter(p -> p.network().overlaps(subnet)).ifPresent(p ->
                            clashes.add(n.name() + " " + subnet + " overlaps address " + p + " on " + i.name()));
                }
            }
            for (Route r : host.facts().routes().value().orElse(List.of())) {
                if (r.isDefault() || r.destination().length() == 0) {
                    continue;
                }
                prefix(r.destination().toString()).filter(p -> p.network().overlaps(subnet)).ifPresent(p ->
                        clashes.add(n.name() + " " + subnet + " overlaps route " + p
                                + r.via().map(v -> " via " + v).orElse("") + r.device().map(d -> " dev " + d).orElse("")));
            }
            for (DockerNetwork d : host.facts().dockerNetworks().value().orElse(List.of())) {
                if (d.name().equals(n.name()) && d.driver().equals("overlay")) {
                    continue; // the overlay itself, once created
                }
                for (Prefix p : d.subnets()) {
                    if (p.network().overlaps(subnet)) {
                        clashes.add(n.name() + " " + subnet + " overlaps Docker network " + d.name() + " " + p);
                    }
                }
            }
        }
        if (!clashes.isEmpty()) {
            return Verdict.fail(String.join("; ", clashes),
                    "pick overlay subnets that this host does not use (e.g. from 10.x or 172.16-31.x ranges not routed here)");
        }
        if (!unknown.isEmpty()) {
            return Verdict.warn("no overlap found, but could not read " + String.join(", ", unknown),
                    "fix the failing command on the host and run ovl doctor again");
        }
        return Verdict.pass("no overlap with " + String.join(", ", withSubnet.stream()
                .map(n -> n.name() + " " + n.subnet().get()).toList()));
    }

    private static Optional<Prefix> prefix(String text) {
        return Prefix.tryParse(text);
    }
}
