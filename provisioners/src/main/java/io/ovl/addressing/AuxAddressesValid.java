package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aux addresses (addresses Docker must not hand out, e.g. a router) have a name, lie inside the subnet, are
 * distinct, are not the gateway, network or broadcast address. One inside the ip-range is legal
 * but worth a note: it silently shrinks the pool containers draw from.
 */
public final class AuxAddressesValid implements AddressingRule {
    @Override
    public List<Finding> check(IpamPool plan) {
        Prefix subnet = plan.subnetNetwork();
        Map<IpAddress, String> seen = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, IpAddress> e : plan.auxAddresses().entrySet()) {
            String path = "aux-addresses." + e.getKey();
            IpAddress a = e.getValue();
            String label = "aux-address " + e.getKey() + "=" + a;
            if (e.getKey().isBlank()) {
                out.add(Finding.error(path, label + " has no name",
                        "give it a name: ip2=" + a + " with --aux-address, ip2: " + a + " in a topology file"));
                continue;
            }
            if (a.version() != subnet.version()) {
                out.add(Finding.error(path, label + " is " + a.version() + " but subnet " + subnet + " is " + subnet.version()));
                continue;
            }
            if (!subnet.contains(a)) {
                out.add(Finding.error(path, label + " is not inside subnet " + subnet));
                continue;
            }
            Optional<String> reserved = ReservedAddress.describe(subnet, a);
            if (reserved.isPresent()) {
                out.add(Finding.error(path, label + " is " + reserved.get()));
                continue;
            }
            if (plan.gateway().filter(a::equals).isPresent()) {
                out.add(Finding.error(path, label + " is the gateway address",
                        "the gateway is reserved already; remove this aux-address or pick another address"));
                continue;
            }
            String first = seen.putIfAbsent(a, e.getKey());
            if (first != null) {
                out.add(Finding.error(path, label + " repeats the address of aux-address " + first,
                        "each aux-address needs its own address"));
                continue;
            }
            plan.ipRange().map(Prefix::network).filter(r -> r.contains(a)).ifPresent(r ->
                    out.add(Finding.warning(path, label + " lies inside ip-range " + r
                            + "; Docker reserves it, so containers get one address fewer there")));
        }
        return out;
    }
}
