package io.ovl.topology.rules;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * In swarm mode, a network subnet inside the swarm's address pool may collide with a subnet swarm
 * allocates itself (the ingress network, networks without a subnet). Docker's pool is 10.0.0.0/8
 * unless swarm.default-address-pool says otherwise. A warning: it works until swarm picks the same one.
 */
public final class SubnetsOutsideSwarmPool implements TopologyRule {
    static final Prefix DOCKER_DEFAULT_POOL = Prefix.parse("10.0.0.0/8");

    @Override
    public List<Finding> check(Topology t) {
        if (t.mode() != Mode.SWARM) {
            return List.of();
        }
        List<Prefix> pools = t.swarmSettings().defaultAddressPool().isEmpty()
                ? List.of(DOCKER_DEFAULT_POOL) : t.swarmSettings().defaultAddressPool();
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < t.networks().size(); i++) {
            NetworkSpec n = t.networks().get(i);
            for (int k = 0; k < n.subnets().size(); k++) {
                Prefix subnet = n.subnets().get(k).network();
                String path = "networks[" + i + "].subnet" + (n.subnets().size() == 1 ? "" : "[" + k + "]");
                warnIfInside(subnet, path, pools, out);
            }
        }
        return out;
    }

    private static void warnIfInside(Prefix subnet, String path, List<Prefix> pools, List<Finding> out) {
        pools.stream().map(Prefix::network).filter(p -> p.overlaps(subnet)).findFirst().ifPresent(pool ->
                out.add(Finding.warning(path, "subnet " + subnet + " overlaps swarm's address pool " + pool
                                + ", from which swarm allocates the ingress network and networks without a subnet",
                        "choose a subnet outside " + pool + " or set swarm.default-address-pool")));
    }
}
