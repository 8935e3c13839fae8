package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.List;
import java.util.Optional;

/** The gateway is a usable host address of the subnet: inside it, not its network or broadcast address. */
public final class GatewayInsideSubnet implements AddressingRule {
    @Override
    public List<Finding> check(IpamPool plan) {
        if (plan.gateway().isEmpty()) {
            return List.of();
        }
        IpAddress gw = plan.gateway().get();
        Prefix subnet = plan.subnetNetwork();
        String hint = "use a host address such as " + subnet.first().plus(1);
        if (gw.version() != subnet.version()) {
            return List.of(Finding.error("gateway", "gateway " + gw + " is " + gw.version()
                    + " but subnet " + subnet + " is " + subnet.version()));
        }
        if (!subnet.contains(gw)) {
            return List.of(Finding.error("gateway", "gateway " + gw + " is not inside subnet " + subnet, hint));
        }
        Optional<String> reserved = ReservedAddress.describe(subnet, gw);
        if (reserved.isPresent()) {
            return List.of(Finding.error("gateway", "gateway " + gw + " is " + reserved.get(), hint));
        }
        return List.of();
    }
}
