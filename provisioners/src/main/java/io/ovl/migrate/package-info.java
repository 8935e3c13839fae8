/**
 * {@code ovl migrate}: from kv mode (dockerd with ovl's --cluster-store drop-in) to swarm mode,
 * keeping every overlay network's addressing.
 *
 * <p>Same shape as init and reset: {@link io.ovl.migrate.MigrationFacts} are read from every host
 * first (read-only), the pure {@link io.ovl.migrate.MigrationPlanner} turns them into a
 * {@link io.ovl.migrate.MigrationPlan} that {@code --dry-run} prints and {@link io.ovl.migrate.Migrate}
 * applies unchanged. The steps themselves are kv reset's ({@link io.ovl.kvmode.Reset}) and swarm
 * init's ({@link io.ovl.swarm.SwarmInit}); this package only decides what to carry over and checks it.
 */
package io.ovl.migrate;
