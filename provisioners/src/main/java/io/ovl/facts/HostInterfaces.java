package io.ovl.facts;

import java.util.List;
import java.util.Optional;

/** Lookups over a host's interfaces ({@link IpJson#parseAddr}) that doctor's advertise checks use. */
public final class HostInterfaces {

    private HostInterfaces() {
    }

    public static Optional<HostInterface> byName(List<HostInterface> interfaces, String name) {
        return interfaces.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The interface that holds {@code ip} as one of its addresses. */
    public static Optional<HostInterface> holding(List<HostInterface> interfaces, String ip) {
        return interfaces.stream().filter(i -> i.hasAddress(ip)).findFirst();
    }

    /**
     * What --cluster-advertise (or swarm's --advertise-addr) would resolve to: an interface by
     * name, else the interface holding that IP.
     */
    public static Optional<HostInterface> forAdvertise(List<HostInterface> interfaces, String ifaceOrIp) {
        return byName(interfaces, ifaceOrIp).or(() -> holding(interfaces, ifaceOrIp));
    }
}
