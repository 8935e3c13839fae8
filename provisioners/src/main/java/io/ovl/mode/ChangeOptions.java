package io.ovl.mode;

import io.ovl.topology.HostSubset;
import java.util.Objects;

/**
 * The options of init and reset that reach the engine.
 *
 * @param force   swarm: adopt or break up a swarm ovl did not create, go on despite a cluster store;
 *                with {@code --hosts} on reset (both modes): disconnect the containers attached to
 *                overlay networks on those hosts
 * @param purge   kv reset: also remove the store's data volumes
 * @param rolling kv init: restart one host at a time, stop at the first failure
 * @param only    the hosts the run may change ({@code --hosts}); the others are only read
 */
public record ChangeOptions(boolean force, boolean purge, boolean rolling, HostSubset only) {
    public ChangeOptions {
        Objects.requireNonNull(only, "only");
    }

    /** Every host. */
    public ChangeOptions(boolean force, boolean purge, boolean rolling) {
        this(force, purge, rolling, HostSubset.everyHost());
    }

    public static ChangeOptions none() {
        return new ChangeOptions(false, false, false);
    }
}
