package io.ovl.swarm;

import io.ovl.provision.Blocker;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ovl reset} does in swarm mode, as a value.
 *
 * @param manager         the manager that removes the networks; "" when no host manages a swarm
 * @param removeNetworks  topology networks present in the swarm, removed before any host leaves
 * @param leaves          hosts that leave, in order: workers, then managers, the answering manager last
 * @param staying         hosts with nothing to do, with why
 */
public record SwarmResetPlan(String manager, List<String> removeNetworks, List<Leave> leaves, List<Stay> staying,
                             List<Blocker> blockers) {
    /** @param force a manager must force its leave (it cannot leave a swarm otherwise) */
    public record Leave(String host, boolean force, String why) {
        public Leave {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(why, "why");
        }
    }

    /** A host reset leaves alone, and why. */
    public record Stay(String host, String why) {
        public Stay {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(why, "why");
        }
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
