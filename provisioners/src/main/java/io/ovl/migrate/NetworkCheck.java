package io.ovl.migrate;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.net.OverlayNetwork;
import io.ovl.topology.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A carried network as the manager shows it after the migration, against what was meant.
 *
 * @param differences one line per field that is not as planned; empty when it is
 */
public record NetworkCheck(String name, List<String> differences) {
    public NetworkCheck {
        Objects.requireNonNull(name, "name");
        differences = List.copyOf(differences);
    }

    public boolean ok() {
        return differences.isEmpty();
    }

    /**
     * Compares subnet, ip-range, gateway, scope, attachable, internal, encrypted and labels. Not the
     * aux-addresses: swarm keeps none, which the plan already says ({@link CarriedNetwork#notKept()}).
     */
    public static NetworkCheck of(NetworkSpec expected, Optional<OverlayNetwork> found) {
        List<String> diff = new ArrayList<>();
        if (found.isEmpty()) {
            return new NetworkCheck(expected.name(), List.of("the manager does not list it"));
        }
        OverlayNetwork n = found.get();
        if (!"swarm".equals(n.scope())) {
            diff.add("scope " + n.scope() + ", expected swarm");
        }
        if (n.ipam().size() != expected.pools().size()) {
            diff.add(n.ipam().size() + " IPAM subnets " + n.subnets() + ", expected " + expected.pools().size() + ": "
                    + expected.subnets());
        } else {
            for (IpamPool pool : expected.pools()) {
                Optional<OverlayNetwork.Ipam> same = n.ipam().stream().filter(i -> Prefix.tryParse(i.subnet())
                        .map(Prefix::network).equals(Optional.of(pool.subnetNetwork()))).findFirst();
                if (same.isEmpty()) {
                    diff.add("subnets " + n.subnets() + ", expected " + pool.subnet() + " among them");
                    continue;
                }
                OverlayNetwork.Ipam ipam = same.get();
                String of = expected.pools().size() == 1 ? "" : " of subnet " + pool.subnet();
                compare(diff, "ip-range" + of, pool.ipRange(), ipam.ipRange().flatMap(Prefix::tryParse), ipam.ipRange());
                compare(diff, "gateway" + of, pool.gateway(), ipam.gateway().flatMap(IpAddress::tryParse), ipam.gateway());
            }
        }
        if (!n.attachable()) {
            diff.add("not attachable: standalone containers cannot join it");
        }
        if (n.internal() != expected.internal()) {
            diff.add("internal " + n.internal() + ", expected " + expected.internal());
        }
        if (n.options().containsKey(MigrationPlanner.ENCRYPTED) != expected.encrypted()) {
            diff.add("encrypted " + !expected.encrypted() + ", expected " + expected.encrypted());
        }
        expected.options().forEach((k, v) -> {
            if (!v.equals(n.options().get(k))) {
                diff.add("driver option " + k + "=" + n.options().get(k) + ", expected " + v);
            }
        });
        expected.labels().forEach((k, v) -> {
            if (!v.equals(n.labels().get(k))) {
                diff.add("label " + k + "=" + n.labels().get(k) + ", expected " + v);
            }
        });
        return new NetworkCheck(expected.name(), diff);
    }

    private static <T> void compare(List<String> diff, String field, Optional<T> expected, Optional<T> actual,
                                    Optional<String> shown) {
        if (!expected.equals(actual)) {
            diff.add(field + " " + shown.orElse("(none)") + ", expected " + expected.map(Object::toString).orElse("(none)"));
        }
    }
}
