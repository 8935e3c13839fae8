package io.ovl.topology;

import io.ovl.addressing.AddressingRules;
import io.ovl.core.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that can be checked about one network on its own: name, addressing (IPv4 and IPv6,
 * see {@link AddressingRules}), label names and MTU. Used for each network of a topology and by
 * {@code ovl net create}. Paths in the findings are the topology keys ("ip-range",
 * "aux-addresses.ip2"), relative to the network.
 */
public final class NetworkSpecValidator {
    /** IPv4's minimum MTU (RFC 791) up to the usual jumbo frame size. */
    public static final int MIN_MTU = 68;
    public static final int MAX_MTU = 9000;

    private NetworkSpecValidator() {
    }

    public static List<Finding> validate(NetworkSpec spec) {
        List<Finding> out = new ArrayList<>();
        DockerNetworkName.check(spec.name()).ifPresent(out::add);
        if (spec.subnet().isPresent()) {
            out.addAll(AddressingRules.check(spec.addressPlan().get()));
        } else {
            needsSubnet(spec, out);
        }
        spec.labels().forEach((key, value) -> {
            if (key.isBlank()) {
                out.add(Finding.error("labels." + key, "label '" + key + "=" + value + "' has no name",
                        "give it a name: com.example.team=" + value + " with --label, com.example.team: " + value
                                + " in a topology file"));
            }
        });
        spec.mtu().ifPresent(mtu -> {
            if (mtu < MIN_MTU || mtu > MAX_MTU) {
                out.add(Finding.error("mtu", "mtu " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU,
                        "overlay traffic needs 50 bytes of headroom (70 over an IPv6 underlay): use the underlay MTU minus 50, e.g. 1450"));
            }
        });
        return List.copyOf(out);
    }

    /** Docker refuses ip-range, gateway and aux addresses without a subnet they belong to. */
    private static void needsSubnet(NetworkSpec spec, List<Finding> out) {
        String hint = "add a subnet (e.g. 172.16.16.0/24) or remove this key";
        if (spec.ipRange().isPresent()) {
            out.add(Finding.error("ip-range", "ip-range needs a subnet", hint));
        }
        if (spec.gateway().isPresent()) {
            out.add(Finding.error("gateway", "gateway needs a subnet", hint));
        }
        spec.auxAddresses().keySet().forEach(name ->
                out.add(Finding.error("aux-addresses." + name, "aux-addresses need a subnet", hint)));
    }
}
