package io.ovl.topology.rules;

import io.ovl.addressing.IpVersion;
import io.ovl.addressing.Prefix;
import io.ovl.addressing.SubnetIsUsable;
import io.ovl.core.Finding;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Docker does with an overlay that has IPv6, by mode, as the lab saw it. kv (Engine 20.10):
 * created and seen everywhere, containers get IPv6 addresses and reach each other by them on one
 * host, but not across hosts: the overlay driver programs neighbour entries for its peers' IPv4
 * addresses only (moby/moby#47125, open). A warning: the network's IPv4 side crosses hosts.
 * swarm (Engine 26): every attach of a container timed out in swarm's address allocator
 * (moby/moby#48116), and swarm hands out IPv6 addresses per node, so two hosts' containers got the
 * same one (docker/for-linux#973). An error: such a network carries nothing. Used by validate and
 * by {@code net create}, so the file and the flags get the same answer.
 */
public final class Ipv6Networks implements TopologyRule {

    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < t.networks().size(); i++) {
            NetworkSpec n = t.networks().get(i);
            List<Prefix> subnets = n.subnets();
            for (int k = 0; k < subnets.size(); k++) {
                String path = "networks[" + i + "].subnet" + (subnets.size() == 1 ? "" : "[" + k + "]");
                finding(t.mode(), n, subnets.get(k), path).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The finding for the network's first IPv6 subnet in {@code mode}, under {@code subject}; pure. */
    public static Optional<Finding> of(Mode mode, NetworkSpec network, String subject) {
        return network.subnets().stream().filter(s -> s.version() == IpVersion.V6).findFirst()
                .flatMap(s -> finding(mode, network, s, subject));
    }

    private static Optional<Finding> finding(Mode mode, NetworkSpec n, Prefix subnet, String subject) {
        // A subnet no container can live in (loopback, link-local, ...) is SubnetIsUsable's to refuse, once.
        if (subnet.version() != IpVersion.V6 || !SubnetIsUsable.usable(subnet)) {
            return Optional.empty();
        }
        if (mode == Mode.SWARM) {
            return Optional.of(Finding.error(subject, "swarm mode: network " + n.name() + " with IPv6 subnet " + subnet
                            + " would carry nothing: on Engine 26 every container's attach to such a network timed out in"
                            + " swarm's address allocator (moby/moby#48116), and swarm hands out IPv6 addresses per node,"
                            + " so containers on two hosts got the same one (docker/for-linux#973)",
                    "use an IPv4 subnet in swarm mode; IPv6 overlays work within one host in mode kv"));
        }
        return Optional.of(Finding.warning(subject, "network " + n.name() + " with IPv6 subnet " + subnet
                        + ": containers get IPv6 addresses, but Docker's overlay carries IPv6 only between containers"
                        + " on one host (its neighbour entries are IPv4-only, moby/moby#47125); the IPv4 side crosses hosts",
                "`ovl net verify " + n.name() + "` tests both families; `--family ipv4` only what crosses hosts"));
    }
}
