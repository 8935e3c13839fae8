package io.ovl.doctor;

import io.ovl.kv.StoreDialer;
import io.ovl.ssh.RemoteShell;
import java.util.Optional;

/** An open connection to one host for the whole doctor run: its shell, closed at the end. */
public interface HostConnection extends RemoteShell, AutoCloseable {
    @Override
    void close();

    /**
     * Streams to a store that start on this host, for asking a TLS store (kv-store.tls) over TLS
     * with the host's client certificate; empty when the connection cannot open one (then
     * kv.healthy does not ask a TLS store from this host, and says so).
     */
    default Optional<StoreDialer> storeDialer() {
        return Optional.empty();
    }
}
