package io.ovl.mode;

/**
 * The options of init and reset that reach the engine.
 *
 * @param force   swarm: adopt or break up a swarm ovl did not create, go on despite a cluster store
 * @param purge   kv reset: also remove the store's data volumes
 * @param rolling kv init: restart one host at a time, stop at the first failure
 */
public record ChangeOptions(boolean force, boolean purge, boolean rolling) {
    public static ChangeOptions none() {
        return new ChangeOptions(false, false, false);
    }
}
