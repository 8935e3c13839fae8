package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** No two networks of a topology share a name. */
public final class NetworkNamesUnique implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < t.networks().size(); i++) {
            String name = t.networks().get(i).name();
            if (name.isEmpty()) {
                continue; // reported by NetworksValid
            }
            Integer first = firstIndex.putIfAbsent(name, i);
            if (first != null) {
                out.add(Finding.error("networks[" + i + "].name", "network name '" + name
                        + "' is already used by networks[" + first + "]", "give every network its own name"));
            }
        }
        return out;
    }
}
