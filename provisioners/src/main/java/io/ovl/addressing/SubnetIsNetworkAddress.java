package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.List;

/** "172.16.16.5/24" is refused: Docker would silently use 172.16.16.0/24, or reject it, by version. */
public final class SubnetIsNetworkAddress implements AddressingRule {
    @Override
    public List<Finding> check(IpamPool plan) {
        Prefix subnet = plan.subnet();
        if (subnet.isNetworkAddress()) {
            return List.of();
        }
        return List.of(Finding.error("subnet",
                subnet + " is not a network address (host bits are set)",
                "did you mean " + subnet.network() + "?"));
    }
}
