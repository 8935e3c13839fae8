package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.ArrayList;
import java.util.List;

/** The ip-range is a network address of the subnet's family and lies inside the subnet. */
public final class IpRangeInsideSubnet implements AddressingRule {
    @Override
    public List<Finding> check(IpamPool plan) {
        if (plan.ipRange().isEmpty()) {
            return List.of();
        }
        Prefix range = plan.ipRange().get();
        Prefix subnet = plan.subnetNetwork();
        List<Finding> out = new ArrayList<>();
        if (range.version() != subnet.version()) {
            out.add(Finding.error("ip-range", "ip-range " + range + " is " + range.version()
                    + " but subnet " + subnet + " is " + subnet.version()));
            return out;
        }
        if (!range.isNetworkAddress()) {
            out.add(Finding.error("ip-range", range + " is not a network address (host bits are set)",
                    "did you mean " + range.network() + "?"));
        }
        if (!subnet.contains(range.network())) {
            out.add(Finding.error("ip-range", "ip-range " + range + " is not inside subnet " + subnet,
                    "choose a range within " + subnet.first() + " - " + subnet.last()));
        }
        return out;
    }
}
