/**
 * The hosts of a run. {@link io.ovl.hosts.HostHandle} is one host during one run: its one
 * connection seen as a shell, files, the Engine API of kv mode and of swarm mode, and a KV store
 * probe; {@link io.ovl.hosts.SshHostHandle} is the real one. {@link io.ovl.hosts.OpenHosts} opens
 * a run's handles in parallel, keeps each unreachable host with its reason, and holds the run lock
 * ({@link io.ovl.hosts.RunLock}).
 *
 * <p>Many hosts at once: {@link io.ovl.hosts.ParallelHosts} runs per-host work on a bounded pool and
 * returns one {@link io.ovl.hosts.HostResult} per host in input order, a value or that host's error.
 */
package io.ovl.hosts;
