package io.ovl.topology;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpVersion;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One overlay network, with the meaning of {@code docker network create --driver overlay}. Its
 * addressing is Docker's IPAM config: a list of pools, each a subnet with its own ip-range, gateway and
 * aux addresses; none lets Docker's IPAM pick a subnet, two (one IPv4, one IPv6) make a dual-stack
 * network. Defaults are Docker's: not internal, not attachable, not encrypted, Docker's MTU.
 * {@code options} are the driver options ({@code --opt KEY=VALUE}) other than the two ovl models
 * itself, {@code encrypted} and the MTU: passed to Docker as given, a bare {@code --opt KEY} as KEY="".
 */
public record NetworkSpec(
        String name,
        List<IpamPool> pools,
        boolean internal,
        boolean attachable,
        boolean encrypted,
        OptionalInt mtu,
        Map<String, String> labels,
        Map<String, String> options) {

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        pools = List.copyOf(pools);
        Objects.requireNonNull(mtu, "mtu");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A network without other driver options. */
    public NetworkSpec(String name, List<IpamPool> pools, boolean internal, boolean attachable, boolean encrypted,
                       OptionalInt mtu, Map<String, String> labels) {
        this(name, pools, internal, attachable, encrypted, mtu, labels, Map.of());
    }

    /** A network with only a name and a subnet, everything else at Docker's defaults. */
    public static NetworkSpec of(String name, Prefix subnet) {
        return new NetworkSpec(name, List.of(IpamPool.of(subnet)), false, false, false, OptionalInt.empty(), Map.of());
    }

    /** The subnets of its pools, as written, in order. */
    public List<Prefix> subnets() {
        return pools.stream().map(IpamPool::subnet).toList();
    }

    /** Every pool's aux addresses, in pool order. */
    public Map<String, IpAddress> auxAddresses() {
        Map<String, IpAddress> all = new LinkedHashMap<>();
        pools.forEach(p -> all.putAll(p.auxAddresses()));
        return Collections.unmodifiableMap(all);
    }

    /** Whether a pool is IPv6: Docker creates such a network only with IPv6 enabled. */
    public boolean ipv6() {
        return pools.stream().anyMatch(p -> p.version() == IpVersion.V6);
    }
}
