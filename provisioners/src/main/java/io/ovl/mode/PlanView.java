package io.ovl.mode;

import io.ovl.core.Finding;
import io.ovl.kvmode.Plan;
import io.ovl.change.PreflightReport;
import io.ovl.kvmode.ResetPlan;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmResetPlan;
import java.util.List;

/**
 * One rendering of a {@link PlannedChange} (text, JSON, ...): the plans of the two modes hold
 * different things (files and restarts; joins and leaves), so a renderer says how to show each, and
 * the plan picks (the renderer is never told a mode to branch on).
 */
public interface PlanView<R> {
    R kvInit(Plan plan, PreflightReport checks);

    /** @param blockers doctor's failures, then the swarm plan's own */
    R swarmInit(SwarmPlan plan, PreflightReport checks, List<Finding> blockers);

    R kvReset(ResetPlan plan);

    R swarmReset(SwarmResetPlan plan);
}
