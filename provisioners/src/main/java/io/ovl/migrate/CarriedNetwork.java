package io.ovl.migrate;

import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Objects;

/**
 * One network the swarm gets from the migration.
 *
 * @param spec    what is created on the manager (attachable, as every ovl swarm network)
 * @param fromKv  true for a kv overlay carried over with its addressing, false for a network only
 *                the swarm topology names (created as {@code ovl init} would)
 * @param notKept what of the kv network the swarm will not have, one line each (aux-addresses:
 *                Docker's swarm API drops them). Its driver options are carried in {@code spec}, all but
 *                the VXLAN ID, which the swarm manager allocates
 */
public record CarriedNetwork(NetworkSpec spec, boolean fromKv, List<String> notKept) {
    public CarriedNetwork {
        Objects.requireNonNull(spec, "spec");
        notKept = List.copyOf(notKept);
    }

    public String name() {
        return spec.name();
    }
}
