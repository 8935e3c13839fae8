package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every name in kv-store.hosts is a host declared under hosts:, and none is listed twice. */
public final class KvStoreHostsDeclared implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        if (t.kvStore().isEmpty()) {
            return List.of();
        }
        List<String> names = t.kvStore().get().hosts();
        String declared = t.hosts().stream().map(Host::name).filter(n -> !n.isEmpty()).collect(Collectors.joining(", "));
        Set<String> seen = new HashSet<>();
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String path = "kv-store.hosts[" + i + "]";
            if (t.host(name).isEmpty()) {
                out.add(Finding.error(path, "'" + name + "' is not a declared host",
                        declared.isEmpty() ? "declare it under 'hosts:'" : "declared hosts: " + declared));
            } else if (!seen.add(name)) {
                out.add(Finding.error(path, "'" + name + "' is listed twice", "list each store host once"));
            }
        }
        return out;
    }
}
