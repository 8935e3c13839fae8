package io.ovl.topology;

import io.ovl.core.Finding;
import io.ovl.topology.rules.BecomePassword;
import io.ovl.topology.rules.HostAddressesUnique;
import io.ovl.topology.rules.HostNamesValid;
import io.ovl.topology.rules.Ipv6Networks;
import io.ovl.topology.rules.KvStoreHostsDeclared;
import io.ovl.topology.rules.KvModeIpv4Underlay;
import io.ovl.topology.rules.KvStoreHostsIpv4;
import io.ovl.topology.rules.KvStoreSize;
import io.ovl.topology.rules.KvStoreTls;
import io.ovl.topology.rules.KvStoreUrl;
import io.ovl.topology.rules.ModeSpecificKeys;
import io.ovl.topology.rules.NetworkNamesUnique;
import io.ovl.topology.rules.NetworksDoNotOverlap;
import io.ovl.topology.rules.NetworksValid;
import io.ovl.topology.rules.SubnetsOutsideSwarmPool;
import io.ovl.topology.rules.SwarmManagers;
import io.ovl.topology.rules.TopologyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The semantic rules of a topology, each in its own class, all run every time. Findings carry key
 * paths ("hosts[2].name"); {@link TopologyLoader} ties them to lines and columns.
 */
public final class TopologyValidator {
    private static final List<TopologyRule> RULES = List.of(
            new HostNamesValid(),
            new HostAddressesUnique(),
            new BecomePassword(),
            new ModeSpecificKeys(),
            new KvStoreSize(),
            new KvStoreHostsDeclared(),
            new KvStoreHostsIpv4(),
            new KvModeIpv4Underlay(),
            new KvStoreUrl(),
            new KvStoreTls(),
            new SwarmManagers(),
            new NetworksValid(),
            new NetworkNamesUnique(),
            new NetworksDoNotOverlap(),
            new SubnetsOutsideSwarmPool(),
            new Ipv6Networks());

    private TopologyValidator() {
    }

    public static List<Finding> validate(Topology topology) {
        List<Finding> out = new ArrayList<>();
        for (TopologyRule rule : RULES) {
            out.addAll(rule.check(topology));
        }
        return List.copyOf(out);
    }
}
