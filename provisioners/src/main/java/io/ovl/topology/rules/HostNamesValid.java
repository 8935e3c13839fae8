package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * There is at least one host; every host has a name that is a valid hostname label (RFC 1123: 1-63
 * letters, digits and '-', not starting or ending with '-'), and no two hosts share a name.
 */
public final class HostNamesValid implements TopologyRule {
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        if (t.hosts().isEmpty()) {
            out.add(Finding.error("hosts", "no hosts", "add at least one entry under 'hosts:' with a name and an address"));
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < t.hosts().size(); i++) {
            Host h = t.hosts().get(i);
            String path = "hosts[" + i + "].name";
            if (h.name().isEmpty()) {
                out.add(Finding.error(path, "missing host name", "add 'name: node1' (a short unique name)"));
            } else if (!LABEL.matcher(h.name()).matches()) {
                out.add(Finding.error(path, "'" + h.name() + "' is not a valid hostname label",
                        "use 1-63 letters, digits and '-', not starting or ending with '-'"));
            } else {
                Integer first = firstIndex.putIfAbsent(h.name().toLowerCase(), i);
                if (first != null) {
                    out.add(Finding.error(path, "host name '" + h.name() + "' is already used by hosts[" + first + "]",
                            "give every host its own name"));
                }
            }
        }
        return out;
    }
}
