package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.NetworkSpecValidator;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/** Each network on its own: name, addressing and MTU, as {@link NetworkSpecValidator} checks them. */
public final class NetworksValid implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < t.networks().size(); i++) {
            String parent = "networks[" + i + "]";
            NetworkSpecValidator.validate(t.networks().get(i)).forEach(f -> out.add(f.under(parent)));
        }
        return out;
    }
}
