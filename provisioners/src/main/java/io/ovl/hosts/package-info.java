/**
 * The hosts of a run. {@link io.ovl.hosts.HostHandle} is one host during one run: its one
 * connection seen as a shell, files, the Engine API of kv mode and of swarm mode, a KV store probe,
 * and for doctor a store dialer and streaming exec; {@link io.ovl.hosts.SshHostHandle} is the real
 * one. {@link io.ovl.hosts.OpenHosts} opens a run's handles in parallel, keeps each unreachable host
 * with its reason, lends them (to init's preflight), gives the net commands a view of the overlay
 * hosts ({@link io.ovl.hosts.OpenHosts#only}), and holds the run lock ({@link io.ovl.hosts.RunLock}).
 * Every command holds one handle per host for the whole run; whoever opened a handle closes it.
 *
 * <p>This package is below the engines (provision, doctor, net, swarm, migrate) and imports none
 * of them.
 *
 * <p>Many hosts at once: {@link io.ovl.hosts.ParallelHosts} runs per-host work on a bounded pool and
 * returns one {@link io.ovl.hosts.HostResult} per host in input order, a value or that host's error.
 */
package io.ovl.hosts;
