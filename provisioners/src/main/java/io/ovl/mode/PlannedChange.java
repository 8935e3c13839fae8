package io.ovl.mode;

import io.ovl.core.Finding;
import io.ovl.hosts.Interruption;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.ChangeReport;
import io.ovl.change.ChangeProgress;
import java.util.List;

/**
 * A plan of init or reset in one mode, bound to the run's hosts: what {@code --dry-run} prints and
 * what {@link #apply} carries out, unchanged.
 */
public interface PlannedChange {

    /** Everything that stops the change, doctor's failures first (they carry the fix). */
    List<Finding> blockers();

    default boolean blocked() {
        return !blockers().isEmpty();
    }

    /** The hosts whose dockerd restart would stop running containers (asked before, or --yes). */
    List<HostPlan> restartsStoppingContainers();

    /** Lines to show with the plan that its own shape does not hold (what --force will disconnect). */
    default List<String> notes() {
        return List.of();
    }

    /** Hands the plan, in its mode's own shape, to {@code view}. */
    <R> R describe(PlanView<R> view);

    /** Carries out the plan; stops starting host steps once {@code interruption} is interrupted. */
    ChangeReport apply(ChangeProgress progress, Interruption interruption);
}
