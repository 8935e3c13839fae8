package io.ovl.provision;

import io.ovl.topology.Topology;
import java.util.List;

/**
 * One reason to refuse before the first change, as a pure function of what was read from the
 * hosts. {@link Preflight#DEFAULT} holds init's own; the doctor's checks can be adapted to this
 * seam and added to the list given to {@link Planner}.
 */
public interface PreflightCheck {
    /** Stable name, e.g. "engine.cluster-store". */
    String name();

    List<Blocker> check(Topology topology, ClusterLayout layout, List<HostState> hosts);
}
