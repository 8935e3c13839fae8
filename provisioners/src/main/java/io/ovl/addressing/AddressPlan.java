package io.ovl.addressing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The addressing part of one network, exactly as the user wrote it (IPAM config of
 * {@code docker network create}): the subnet, the range containers are assigned from, the
 * gateway and the reserved auxiliary addresses (name to address, in the order written).
 */
public record AddressPlan(
        Prefix subnet, Optional<Prefix> ipRange, Optional<IpAddress> gateway, Map<String, IpAddress> auxAddresses) {
    public AddressPlan {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(ipRange, "ipRange");
        Objects.requireNonNull(gateway, "gateway");
        auxAddresses = Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
    }

    public static AddressPlan of(Prefix subnet) {
        return new AddressPlan(subnet, Optional.empty(), Optional.empty(), Map.of());
    }

    public AddressPlan withIpRange(Prefix range) {
        return new AddressPlan(subnet, Optional.of(range), gateway, auxAddresses);
    }

    public AddressPlan withGateway(IpAddress gw) {
        return new AddressPlan(subnet, ipRange, Optional.of(gw), auxAddresses);
    }

    public AddressPlan withAux(String name, IpAddress address) {
        Map<String, IpAddress> aux = new LinkedHashMap<>(auxAddresses);
        aux.put(name, address);
        return new AddressPlan(subnet, ipRange, gateway, aux);
    }

    /** The subnet as a network (host bits cleared), so later rules still work on "172.16.16.5/24". */
    public Prefix subnetNetwork() {
        return subnet.network();
    }

    /** Where Docker assigns container addresses from: the ip-range if given, else the subnet. */
    public Prefix assignablePool() {
        return ipRange.map(Prefix::network).orElse(subnetNetwork());
    }
}
