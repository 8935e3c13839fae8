/**
 * Swarm mode: {@code ovl init}, {@code ovl reset} for a topology with {@code mode: swarm}.
 *
 * <p>Same shape as kv mode ({@link io.ovl.kvmode}): facts are read from every host first
 * ({@link io.ovl.swarm.SwarmFacts}), a pure {@link io.ovl.swarm.SwarmPlanner} turns them into a
 * {@link io.ovl.swarm.SwarmPlan} that {@code --dry-run} prints and {@link io.ovl.swarm.SwarmInit}
 * applies unchanged. Every Docker call goes through the Engine API over the host's SSH connection
 * ({@link io.ovl.docker.SwarmApi}); join tokens never appear on a command line.
 */
package io.ovl.swarm;
