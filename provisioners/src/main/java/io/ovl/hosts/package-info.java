/**
 * Many hosts at once: {@link io.ovl.hosts.ParallelHosts} runs per-host work on a bounded pool and
 * returns one {@link io.ovl.hosts.HostResult} per host in input order, a value or that host's error.
 */
package io.ovl.hosts;
