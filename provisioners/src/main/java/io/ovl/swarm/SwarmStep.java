package io.ovl.swarm;

import io.ovl.topology.SwarmRole;
import java.util.Objects;

/**
 * What init does on one overlay host.
 *
 * @param leaveFirst the host is in another swarm (or stuck joining one) and --force was given: it
 *                   leaves that swarm first
 * @param why        for the plan: the state found and why this action follows
 */
public record SwarmStep(String host, SwarmRole role, Action action, boolean leaveFirst, String why) {
    public enum Action {
        /** Already in this swarm with the topology's role. */
        NONE,
        /** Start the swarm here (the first manager, when there is no swarm yet). */
        INIT,
        /** Join with the token of its role. */
        JOIN
    }

    public SwarmStep {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(why, "why");
    }

    public boolean changesSomething() {
        return action != Action.NONE;
    }
}
