/**
 * Day-2 operations on the key-value store ovl runs in {@code mode: kv} ({@code ovl store status},
 * {@code backup}, {@code restore}): the store's own tools (etcdctl, ZooKeeper's four-letter words,
 * the consul CLI) run in the store containers by argv through each host's one handle, and pure
 * parsers read what they print. Floor 9 of ARCHITECTURE.md: imports only go down (provision's
 * {@code ClusterLayout}, render's store specs, hosts, kv, ssh, core).
 */
package io.ovl.store;
