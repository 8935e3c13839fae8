package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point for checking a network's addressing, shared by topology validation and
 * {@code ovl net create}: every rule runs, all findings are returned, errors and warnings.
 */
public final class AddressingRules {
    private static final List<AddressingRule> ALL = List.of(
            new SubnetIsNetworkAddress(),
            new IpRangeInsideSubnet(),
            new GatewayInsideSubnet(),
            new AuxAddressesValid(),
            new PoolHasFreeAddress());

    private AddressingRules() {
    }

    public static List<Finding> check(IpamPool plan) {
        List<Finding> unusable = new SubnetIsUsable().check(plan);
        if (!unusable.isEmpty()) {
            return unusable; // loopback, multicast, ...: what the other rules would add about it is noise
        }
        List<Finding> out = new ArrayList<>();
        for (AddressingRule rule : ALL) {
            out.addAll(rule.check(plan));
        }
        return List.copyOf(out);
    }
}
