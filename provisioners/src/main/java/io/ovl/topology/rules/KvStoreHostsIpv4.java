package io.ovl.topology.rules;

import io.ovl.addressing.IpAddress;
import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store ovl runs binds and peers on each store host's IPv4 underlay address: its advertise value
 * when that is an IPv4 address, else its address. kv mode needs an IPv4 underlay anyway
 * ({@link KvModeIpv4Underlay}: no overlay traffic over IPv6 before Engine 25), so the store's
 * templates stay IPv4; an IPv6 address or a DNS name there is refused here, not half-way through
 * init or reset.
 */
public final class KvStoreHostsIpv4 implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        if (t.kvStore().isEmpty() || t.kvStore().get().isExternal()) {
            return List.of();
        }
        KvStore kv = t.kvStore().get();
        List<Finding> out = new ArrayList<>();
        for (String name : kv.hosts().stream().distinct().toList()) {
            Optional<Host> host = t.host(name);
            if (host.isEmpty() || host.get().address().isBlank()) {
                continue; // reported by KvStoreHostsDeclared, HostAddressesUnique
            }
            Host h = host.get();
            if (h.advertise().flatMap(KvStoreHostsIpv4::ipv4).isPresent()) {
                String a = h.advertise().get();
                if (IpAddress.parse(a).value().signum() == 0) {
                    out.add(refuse(t, h, "advertise", "its advertise 0.0.0.0 is every interface, not one address"));
                }
                continue;
            }
            Optional<IpAddress> address = ipv4(h.address());
            if (address.isEmpty()) {
                boolean ipv6 = IpAddress.tryParse(h.address()).isPresent();
                String what = ipv6 ? "an IPv6 address (" + KvModeIpv4Underlay.REASON + ")"
                        : "a name, not an IPv4 address";
                out.add(refuse(t, h, "address", h.advertise().isPresent()
                        ? "neither its advertise (" + h.advertise().get() + ") nor its address (" + h.address()
                                + ") is an IPv4 address"
                        : "its address " + h.address() + " is " + what));
            } else if (address.get().value().signum() == 0) {
                out.add(refuse(t, h, "address", "its address 0.0.0.0 is every interface, not one address"));
            }
        }
        return out;
    }

    private static Finding refuse(Topology t, Host h, String key, String what) {
        return Finding.error("hosts[" + t.hosts().indexOf(h) + "]." + key, "host '" + h.name()
                        + "' runs the kv store (kv-store.hosts), which ovl runs on the IPv4 underlay, but " + what,
                "give " + h.name() + " an IPv4 'address:' or an IPv4 'advertise:' the store can bind to,"
                        + " or point kv-store.url at an existing store");
    }

    private static Optional<IpAddress> ipv4(String text) {
        return IpAddress.tryParse(text).filter(IpAddress::isV4);
    }
}
