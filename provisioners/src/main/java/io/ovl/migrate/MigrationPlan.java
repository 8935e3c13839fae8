package io.ovl.migrate;

import io.ovl.core.Finding;
import io.ovl.kvmode.HostPlan;
import io.ovl.kvmode.ResetPlan;
import io.ovl.swarm.SwarmPlan;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code ovl migrate} would do, as a value: {@code --dry-run} prints it, migrate applies
 * the same object. In order:
 * <ol>
 *   <li>save {@link #inventory()} on the overlay hosts (when there is kv state to carry);</li>
 *   <li>{@link #kvReset()}: remove ovl's drop-in where present, restart dockerd (kv reset's step,
 *       with its rollback); the store itself is kept;</li>
 *   <li>{@link #swarm()}: swarm init and joins, then the {@link #networks()} created on the manager;</li>
 *   <li>check each carried network's addressing on the manager;</li>
 *   <li>{@link #reconnects()}: what the operator runs to attach the old containers again.</li>
 * </ol>
 *
 * @param target   the swarm topology with the carried networks: what swarm init is applied with
 * @param warnings things to say that do not stop the run
 */
public record MigrationPlan(KvInventory inventory, ResetPlan kvReset, List<CarriedNetwork> networks, Topology target,
                            SwarmPlan swarm, List<Reconnect> reconnects, List<Finding> blockers, List<String> warnings) {
    public MigrationPlan {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(kvReset, "kvReset");
        networks = List.copyOf(networks);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(swarm, "swarm");
        reconnects = List.copyOf(reconnects);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }

    public boolean nothingToDo() {
        return kvReset.hosts().stream().noneMatch(HostPlan::changesSomething) && swarm.nothingToDo();
    }

    /** Hosts whose dockerd restarts while containers run there (they stop). */
    public List<HostPlan> restartsStoppingContainers() {
        return kvReset.restartsStoppingContainers();
    }
}
