package io.ovl.swarm;

import io.ovl.core.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ovl reset} does in swarm mode, as a value.
 *
 * @param manager         the manager that removes the networks; "" when no host manages a swarm
 * @param removeNetworks  topology networks present in the swarm, removed before any host leaves
 * @param leaves          hosts that leave, in order: workers, then the other managers (each demoted
 *                        to worker on {@code manager} first), then {@code manager} itself, with force
 * @param staying         hosts with nothing to do, with why
 * @param removeNodes     the swarm goes on without the leaving hosts ({@code --hosts}): {@code manager}
 *                        removes each one's node once it has left
 */
public record SwarmResetPlan(String manager, List<String> removeNetworks, List<Leave> leaves, List<Stay> staying,
                             List<Finding> blockers, boolean removeNodes) {
    /**
     * One host's way out of the swarm.
     *
     * @param nodeId      its node ID in the swarm (to demote it); "" when not known or not needed
     * @param demoteFirst a manager of this swarm other than the last: demoted to worker on the plan's
     *                    manager, so it leaves without force and the swarm's managers shrink in order
     *                    (a forced leave of a manager drops it from Raft without telling the others)
     * @param force       the leave is forced: the last manager (the swarm ends with it), or a manager
     *                    of another swarm that ovl cannot demote
     */
    public record Leave(String host, String nodeId, boolean demoteFirst, boolean force, String why) {
        public Leave {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(why, "why");
            if (demoteFirst && nodeId.isEmpty()) {
                throw new IllegalArgumentException("a demotion needs the node ID of " + host);
            }
        }
    }

    /** A host reset leaves alone, and why. */
    public record Stay(String host, String why) {
        public Stay {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(why, "why");
        }
    }

    /** A reset of every host: the swarm ends, no node is removed by hand. */
    public SwarmResetPlan(String manager, List<String> removeNetworks, List<Leave> leaves, List<Stay> staying,
                          List<Finding> blockers) {
        this(manager, removeNetworks, leaves, staying, blockers, false);
    }

    public SwarmResetPlan {
        Objects.requireNonNull(manager, "manager");
        removeNetworks = List.copyOf(removeNetworks);
        leaves = List.copyOf(leaves);
        staying = List.copyOf(staying);
        blockers = List.copyOf(blockers);
    }

    public boolean nothingToDo() {
        return removeNetworks.isEmpty() && leaves.isEmpty();
    }
}
