package io.ovl.topology.rules;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/** Subnets of one topology do not overlap: a container address would be ambiguous between them. */
public final class NetworksDoNotOverlap implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        List<NetworkSpec> nets = t.networks();
        for (int i = 0; i < nets.size(); i++) {
            if (nets.get(i).subnet().isEmpty()) {
                continue;
            }
            Prefix subnet = nets.get(i).subnet().get().network();
            for (int j = 0; j < i; j++) {
                if (nets.get(j).subnet().isEmpty()) {
                    continue;
                }
                Prefix earlier = nets.get(j).subnet().get().network();
                if (subnet.overlaps(earlier)) {
                    out.add(Finding.error("networks[" + i + "].subnet", "subnet " + subnet + " overlaps subnet "
                            + earlier + " of network '" + nets.get(j).name() + "' (networks[" + j + "])",
                            "give each network its own, non-overlapping subnet"));
                    break;
                }
            }
        }
        return out;
    }
}
