package io.ovl.topology;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hosts a run may change ({@code --hosts}, as Ansible's {@code --limit}): every host, or the
 * named ones. The others are still read (probes, the store, the swarm's managers), never changed.
 */
public record HostSubset(Set<String> names, boolean all) {
    public HostSubset {
        names = Set.copyOf(names);
    }

    public static HostSubset everyHost() {
        return new HostSubset(Set.of(), true);
    }

    /**
     * The subset {@code requested} names in {@code topology}; empty means every host.
     *
     * @throws OvlException exit 2 naming every unknown name and the topology's hosts
     */
    public static HostSubset of(Topology topology, List<String> requested) {
        if (requested.isEmpty()) {
            return everyHost();
        }
        Set<String> known = new LinkedHashSet<>(topology.hosts().stream().map(Host::name).toList());
        List<String> unknown = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String name : requested) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (!known.contains(n)) {
                unknown.add(n);
            }
            names.add(n);
        }
        if (!unknown.isEmpty()) {
            throw new OvlException(ExitCode.USAGE, "--hosts: no host named " + String.join(", ", unknown)
                    + " in the topology; its hosts are " + String.join(", ", known));
        }
        if (names.isEmpty()) {
            throw new OvlException(ExitCode.USAGE, "--hosts: give at least one host name");
        }
        return names.containsAll(known) ? everyHost() : new HostSubset(names, false);
    }

    public boolean contains(String host) {
        return all || names.contains(host);
    }
}
