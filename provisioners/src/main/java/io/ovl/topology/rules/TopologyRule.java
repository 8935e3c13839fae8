package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.Topology;
import java.util.List;

/** One semantic check of a topology. Paths in findings are topology key paths ("hosts[2].name"). */
public interface TopologyRule {
    List<Finding> check(Topology topology);
}
