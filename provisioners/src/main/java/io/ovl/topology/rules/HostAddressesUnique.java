package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every host has an address, and no two hosts have the same one: two entries for one machine would
 * provision it twice. Addresses compare case-insensitively (DNS names are).
 */
public final class HostAddressesUnique implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < t.hosts().size(); i++) {
            Host h = t.hosts().get(i);
            String path = "hosts[" + i + "].address";
            if (h.address().isBlank()) {
                out.add(Finding.error(path, "missing address", "add 'address:' with the IP, DNS name or ~/.ssh/config alias SSH connects to"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(h.address().toLowerCase(), i);
            if (first != null) {
                out.add(Finding.error(path, "address " + h.address() + " is already used by hosts[" + first + "]"
                        + " (" + t.hosts().get(first).name() + ")", "each host entry must be a different machine"));
            }
        }
        return out;
    }
}
