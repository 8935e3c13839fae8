package io.ovl.addressing;

import io.ovl.core.Finding;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pool containers are assigned from (ip-range, else subnet) keeps at least one address once
 * the network address, the IPv4 broadcast address, the gateway and the aux addresses are taken.
 * Without an explicit gateway Docker takes one address of the subnet for it; we count that one
 * against the pool too, because where Docker takes it from is its choice, not ours.
 */
public final class PoolHasFreeAddress implements AddressingRule {
    @Override
    public List<Finding> check(IpamPool plan) {
        Prefix pool = plan.assignablePool();
        Prefix subnet = plan.subnetNetwork();
        if (pool.version() != subnet.version()) {
            return List.of(); // reported by IpRangeInsideSubnet
        }
        Set<IpAddress> taken = new HashSet<>();
        taken.add(subnet.first());
        subnet.broadcast().ifPresent(taken::add);
        plan.gateway().ifPresent(taken::add);
        taken.addAll(plan.auxAddresses().values());
        long takenInPool = taken.stream().filter(pool::contains).count();
        BigInteger free = pool.size().subtract(BigInteger.valueOf(takenInPool));
        if (plan.gateway().isEmpty()) {
            free = free.subtract(BigInteger.ONE);
        }
        if (free.signum() > 0) {
            return List.of();
        }
        String where = plan.ipRange().isPresent() ? "ip-range" : "subnet";
        return List.of(Finding.error(where, where + " " + pool + " leaves no address to assign to a container"
                        + " after the network" + (subnet.version() == IpVersion.V4 ? "/broadcast" : "")
                        + " address, gateway and aux-addresses",
                "use a shorter prefix length (a larger range)"));
    }
}
