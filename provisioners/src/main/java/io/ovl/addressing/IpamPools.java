package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns repeated {@code --subnet}, {@code --ip-range}, {@code --gateway} and {@code --aux-address}
 * (or the same keys of a topology network, each a value or a list) into IPAM pools, with the rule
 * {@code docker network create} applies: each ip-range, gateway and aux address belongs to the subnet
 * that contains it, in any order. Shared by {@code ovl net create} and the topology loader.
 *
 * <p>One that no subnet contains still goes to the one subnet of its family (or the only subnet), so the
 * pool's own rules say how it misses ("ip-range 10.9.0.0/25 is not inside subnet 10.1.0.0/24"), as for a
 * network of one subnet. What is left has no pool: no subnet at all, none of its family, or several of its
 * family and none containing it. How many subnets a family may have is {@code NetworkSpecValidator}'s rule.
 */
public final class IpamPools {
    /** A value with the key path it was written at ("ip-range", "subnet[1]"), which findings name. */
    public record Written<T>(T value, String path) {
        public Written {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The pools, in the order their subnets were written, and what could not be placed in one. */
    public record Assigned(List<IpamPool> pools, List<Finding> problems) {
        public Assigned {
            pools = List.copyOf(pools);
            problems = List.copyOf(problems);
        }
    }

    static final String NEEDS_SUBNET = "add a subnet (e.g. 172.16.16.0/24) or remove this key";

    private IpamPools() {
    }

    public static Assigned assign(List<Written<Prefix>> subnets, List<Written<Prefix>> ipRanges,
                                  List<Written<IpAddress>> gateways, Map<String, IpAddress> auxAddresses) {
        List<Prefix> nets = subnets.stream().map(w -> w.value().network()).toList();
        List<Optional<Prefix>> ranges = new ArrayList<>();
        List<Optional<IpAddress>> gws = new ArrayList<>();
        List<Map<String, IpAddress>> aux = new ArrayList<>();
        nets.forEach(n -> {
            ranges.add(Optional.empty());
            gws.add(Optional.empty());
            aux.add(new LinkedHashMap<>());
        });
        List<Finding> problems = new ArrayList<>();
        for (Written<Prefix> r : ipRanges) {
            Optional<Integer> at = place(nets, "ip-range needs", "ip-range " + r.value(), r.path(), r.value().version(),
                    s -> s.contains(r.value().network()), problems);
            at.ifPresent(i -> ranges.get(i).ifPresentOrElse(
                    first -> problems.add(Finding.error(r.path(), "a second ip-range " + r.value() + " for subnet " + nets.get(i)
                            + " (it has " + first + ")", "Docker takes one ip-range per subnet: keep one")),
                    () -> ranges.set(i, Optional.of(r.value()))));
        }
        for (Written<IpAddress> g : gateways) {
            Optional<Integer> at = place(nets, "gateway needs", "gateway " + g.value(), g.path(), g.value().version(),
                    s -> s.contains(g.value()), problems);
            at.ifPresent(i -> gws.get(i).ifPresentOrElse(
                    first -> problems.add(Finding.error(g.path(), "a second gateway " + g.value() + " for subnet " + nets.get(i)
                            + " (it has " + first + ")", "a subnet has one gateway: keep one")),
                    () -> gws.set(i, Optional.of(g.value()))));
        }
        auxAddresses.forEach((name, a) -> place(nets, "aux-addresses need", "aux-address " + name + "=" + a, "aux-addresses." + name, a.version(),
                s -> s.contains(a), problems).ifPresent(i -> aux.get(i).put(name, a)));
        List<IpamPool> pools = new ArrayList<>();
        for (int i = 0; i < subnets.size(); i++) {
            pools.add(new IpamPool(subnets.get(i).value(), ranges.get(i), gws.get(i), aux.get(i)));
        }
        return new Assigned(pools, problems);
    }

    /** The index of the subnet the item belongs to, or empty with the reason added to {@code problems}. */
    private static Optional<Integer> place(List<Prefix> nets, String needs, String what, String path, IpVersion version,
                                           Predicate<Prefix> containsIt, List<Finding> problems) {
        if (nets.isEmpty()) {
            problems.add(Finding.error(path, needs + " a subnet", NEEDS_SUBNET));
            return Optional.empty();
        }
        for (int i = 0; i < nets.size(); i++) {
            if (containsIt.test(nets.get(i))) {
                return Optional.of(i);
            }
        }
        List<Integer> sameFamily = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            if (nets.get(i).version() == version) {
                sameFamily.add(i);
            }
        }
        if (sameFamily.size() == 1) {
            return Optional.of(sameFamily.get(0));
        }
        if (nets.size() == 1) {
            return Optional.of(0); // the pool's rules say it is of the other family, as for one subnet
        }
        String all = nets.stream().map(Prefix::toString).collect(Collectors.joining(", "));
        if (sameFamily.isEmpty()) {
            problems.add(Finding.error(path, what + " is " + version + " but no subnet is (subnets: " + all + ")",
                    "add the " + version + " subnet it belongs to, or remove it"));
        } else {
            problems.add(Finding.error(path, what + " is inside none of the subnets " + all,
                    "each belongs to the subnet that contains it: put it inside one"));
        }
        return Optional.empty();
    }
}
