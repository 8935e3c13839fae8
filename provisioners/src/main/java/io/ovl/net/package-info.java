/**
 * {@code ovl net}: overlay networks across the hosts of a topology. Create (offline validation,
 * then live overlap checks on every host, then create once and wait until every host sees it),
 * list, inspect, remove and verify (probe containers test every ordered pair of hosts).
 *
 * <p>Everything that talks to a host goes through {@link io.ovl.net.NetHosts}, one
 * {@link io.ovl.ssh.RemoteShell} per host; the decisions (overlaps, listings, refusals, the verify
 * matrix) are pure functions of parsed command output, unit-tested on captured real output.
 */
package io.ovl.net;
