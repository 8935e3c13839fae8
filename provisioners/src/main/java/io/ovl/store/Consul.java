package io.ovl.store;

import io.ovl.ssh.RemoteCommand;

/**
 * The consul CLI inside a store container, as argument vectors, written from Consul's
 * documentation ({@code consul operator raft list-peers}, {@code consul snapshot save|restore}, each
 * with {@code -http-addr}, since ovl's template binds the HTTP API to the underlay address only).
 * Untested against a real Consul: there is none on this machine.
 */
final class Consul {
    private Consul() {
    }

    private static String httpAddr(StoreLayout.Member m) {
        return "-http-addr=http://" + m.endpoint();
    }

    static RemoteCommand listPeers(StoreLayout.Member m) {
        return RemoteCommand.of("docker", "exec", m.container(), "consul", "operator", "raft", "list-peers", httpAddr(m));
    }

    static RemoteCommand snapshotSave(StoreLayout.Member m, String path) {
        return RemoteCommand.of("docker", "exec", m.container(), "consul", "snapshot", "save", httpAddr(m), path);
    }

    static RemoteCommand snapshotRestore(StoreLayout.Member m, String path) {
        return RemoteCommand.of("docker", "exec", m.container(), "consul", "snapshot", "restore", httpAddr(m), path);
    }
}
