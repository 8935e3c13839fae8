package io.ovl.topology;

import io.ovl.addressing.AddressPlan;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One overlay network, with the meaning of {@code docker network create --driver overlay}. Without
 * a subnet Docker's IPAM picks one, and then ip-range, gateway and aux-addresses are not allowed.
 * Defaults are Docker's: not internal, not attachable, not encrypted, Docker's MTU.
 */
public record NetworkSpec(
        String name,
        Optional<Prefix> subnet,
        Optional<Prefix> ipRange,
        Optional<IpAddress> gateway,
        Map<String, IpAddress> auxAddresses,
        boolean internal,
        boolean attachable,
        boolean encrypted,
        OptionalInt mtu,
        Map<String, String> labels) {

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(ipRange, "ipRange");
        Objects.requireNonNull(gateway, "gateway");
        auxAddresses = Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
        Objects.requireNonNull(mtu, "mtu");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A network with only a name and a subnet, everything else at Docker's defaults. */
    public static NetworkSpec of(String name, Prefix subnet) {
        return new NetworkSpec(name, Optional.of(subnet), Optional.empty(), Optional.empty(), Map.of(),
                false, false, false, OptionalInt.empty(), Map.of());
    }

    /** The addressing to check, present when a subnet is given. */
    public Optional<AddressPlan> addressPlan() {
        return subnet.map(s -> new AddressPlan(s, ipRange, gateway, auxAddresses));
    }
}
