package io.ovl.addressing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPAM pool of a network, as Docker's IPAM config has them ({@code Subnet}, {@code IPRange},
 * {@code Gateway}, {@code AuxiliaryAddresses}): the subnet, the range containers are assigned
 * from, the gateway and the reserved auxiliary addresses (name to address, in the order written).
 * A dual-stack network has two: one IPv4, one IPv6 ({@link IpamPools} builds them from flags).
 */
public record IpamPool(
        Prefix subnet, Optional<Prefix> ipRange, Optional<IpAddress> gateway, Map<String, IpAddress> auxAddresses) {
    public IpamPool {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(ipRange, "ipRange");
        Objects.requireNonNull(gateway, "gateway");
        auxAddresses = Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
    }

    public static IpamPool of(Prefix subnet) {
        return new IpamPool(subnet, Optional.empty(), Optional.empty(), Map.of());
    }

    public IpamPool withIpRange(Prefix range) {
        return new IpamPool(subnet, Optional.of(range), gateway, auxAddresses);
    }

    public IpamPool withGateway(IpAddress gw) {
        return new IpamPool(subnet, ipRange, Optional.of(gw), auxAddresses);
    }

    public IpamPool withAux(String name, IpAddress address) {
        Map<String, IpAddress> aux = new LinkedHashMap<>(auxAddresses);
        aux.put(name, address);
        return new IpamPool(subnet, ipRange, gateway, aux);
    }

    /** The subnet as a network (host bits cleared), so later rules still work on "172.16.16.5/24". */
    public Prefix subnetNetwork() {
        return subnet.network();
    }

    public IpVersion version() {
        return subnet.version();
    }

    /** Where Docker assigns container addresses from: the ip-range if given, else the subnet. */
    public Prefix assignablePool() {
        return ipRange.map(Prefix::network).orElse(subnetNetwork());
    }
}
