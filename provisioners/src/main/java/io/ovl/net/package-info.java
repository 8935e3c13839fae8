/**
 * {@code ovl net}: overlay networks across the hosts of a topology. Create (offline validation,
 * then live overlap checks on every host, then create once and wait until every host sees it),
 * list, inspect, remove and verify (probe containers test every ordered pair of hosts).
 *
 * <p>Everything that talks to a host goes through the run's {@link io.ovl.hosts.OpenHosts}, the
 * overlay hosts in topology order ({@link io.ovl.hosts.OpenHosts#only}), each host's commands on its
 * {@link io.ovl.hosts.HostHandle#shell()}; the decisions (overlaps, listings, refusals, the verify
 * matrix) are pure functions of parsed command output, unit-tested on captured real output.
 */
package io.ovl.net;
