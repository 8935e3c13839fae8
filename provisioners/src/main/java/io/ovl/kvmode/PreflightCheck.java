package io.ovl.kvmode;

import io.ovl.change.InitPreflight;
import io.ovl.change.PreflightReport;
import io.ovl.core.Finding;
import io.ovl.topology.Topology;
import java.util.List;

/**
 * One reason to refuse before the first change, as a pure function of what was read from the
 * hosts. {@link Preflight#DEFAULT} holds init's own; doctor's checks come in through this seam too:
 * {@link InitPreflight} runs them and {@link DoctorFirst#withOwn} puts their failures first in
 * the list given to {@link Planner}.
 */
public interface PreflightCheck {
    /** Stable name, e.g. "engine.cluster-store". */
    String name();

    List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts);
}
